namespace SipCube.Testing.Phones;

/// <summary>How a SIPp run ended, with its logs for assertion messages.</summary>
/// <param name="ExitCode">0 = every call succeeded; 1 = a call failed; 255 and others = SIPp could not run.</param>
/// <param name="Output">stdout + stderr (the final statistics screen).</param>
/// <param name="ErrorLog"><c>-trace_err</c>: unexpected messages, time-outs, parse errors.</param>
/// <param name="MessageLog"><c>-trace_msg</c>: every SIP message sent and received.</param>
/// <param name="Log"><c>-trace_logs</c>: the scenario's own <c>&lt;log&gt;</c> lines.</param>
public sealed record SippResult(int ExitCode, string Output, string ErrorLog, string MessageLog, string Log)
{
    /// <summary>Every call of the run succeeded.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"sipp exit {ExitCode}\n--- errors:\n{ErrorLog}\n--- log:\n{Log}\n--- messages:\n{MessageLog}\n--- output:\n{Tail(Output, 3000)}";

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
