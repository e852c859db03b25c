// Every test starts an emulator and several chat sessions; the browser tests start Chromium. Running them one at a
// time keeps a loaded 2-core box from stretching the signalling waits.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
