// Browser interop tests start Chromium; running them beside the timer tests on a loaded 2-core box only makes both slower.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
