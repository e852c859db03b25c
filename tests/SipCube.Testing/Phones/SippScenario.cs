namespace SipCube.Testing.Phones;

/// <summary>
/// The SIPp scenarios of the end-to-end phone harness (tests/testdata/sipp/bridge; its README lists each one's
/// parameters), and the <c>-set</c> defaults each declares, so a run never leaves one of its variables unset.
/// </summary>
public static class SippScenario
{
    /// <summary>Phone calls, authenticates if challenged, talks <c>talk_ms</c>, sends BYE.</summary>
    public const string UacCallAuth = "uac_call_auth.xml";

    /// <summary>As <see cref="UacCallAuth"/>, media from call.pcap: tone + RFC 4733 DTMF (<see cref="SippPhoneOptions.DtmfDigits"/>).</summary>
    public const string UacCallPcap = "uac_call_pcap.xml";

    /// <summary>As <see cref="UacCallAuth"/>, plus three DTMF digits by SIP INFO (<c>-key info1..info3</c>).</summary>
    public const string UacCallInfoDtmf = "uac_call_info_dtmf.xml";

    /// <summary>As <see cref="UacCallAuth"/>, then hold (re-INVITE sendonly, tone paused) for <c>hold_ms</c> and resume.</summary>
    public const string UacCallHold = "uac_call_hold.xml";

    /// <summary>As <see cref="UacCallAuth"/> with PCMU only; after <c>talk_ms</c> a re-INVITE switches to PCMA only (the
    /// 200 must answer PCMA) and the tone streams from tone.alaw.</summary>
    public const string UacCallReinvitePcma = "uac_call_reinvite_pcma.xml";

    /// <summary>As <see cref="UacCallAuth"/> with G.729 only, streaming tone.g729.</summary>
    public const string UacCallG729 = "uac_call_g729.xml";

    /// <summary>Phone calls, authenticates if challenged, cancels on 180, expects 200 + 487.</summary>
    public const string UacCancelAuth = "uac_cancel_auth.xml";

    /// <summary>Phone calls, authenticates if challenged, expects 404/480/486/603 (<c>expected</c> or any).</summary>
    public const string UacExpectReject = "uac_expect_reject.xml";

    /// <summary>Phone calls, authenticates if challenged, talks until the far end sends BYE.</summary>
    public const string UacHungUpByRemote = "uac_hungup_by_remote.xml";

    /// <summary>Phone answers (after <c>answer_ms</c>), then takes the BYE, or sends one after <c>hangup_ms</c> &gt; 0.</summary>
    public const string UasAnswer = "uas_answer.xml";

    /// <summary>Phone rings, then rejects with <c>reject_code</c> (486 default, 603, 480, 404).</summary>
    public const string UasReject = "uas_reject.xml";

    /// <summary>Phone rings until CANCEL, answers 200 + 487.</summary>
    public const string UasRingForever = "uas_ring_forever.xml";

    /// <summary>REGISTER with digest; <c>-key expires</c> (0 unregisters).</summary>
    public const string Register = "register.xml";

    /// <summary>Test double of a registrar that checks alice/secret (for the harness's own tests).</summary>
    public const string DoubleRegistrar = "double_registrar.xml";

    /// <summary>Like <see cref="DoubleRegistrar"/>, then takes one unregistering REGISTER (expires 0).</summary>
    public const string DoubleRegistrarUnregister = "double_registrar_unregister.xml";

    /// <summary>Test double of the node: 407, then answers and takes the BYE (for the harness's own tests).</summary>
    public const string DoubleNodeAnswer = "double_node_answer.xml";

    /// <summary>tests/testdata/sipp/bridge.</summary>
    public static string Directory => RepositoryPaths.TestData(Path.Combine("sipp", "bridge"));

    /// <summary>The full path of a scenario of this folder (an absolute path is returned as it is).</summary>
    public static string PathOf(string scenario) =>
        System.IO.Path.IsPathRooted(scenario) ? scenario : System.IO.Path.Combine(Directory, scenario);

    /// <summary>The <c>-set</c> variables <paramref name="scenario"/> declares, with their defaults.</summary>
    public static IReadOnlyDictionary<string, string> DefaultVariables(string scenario) => System.IO.Path.GetFileName(scenario) switch
    {
        UacCallAuth or UacCallPcap or UacCallInfoDtmf or UacCallG729 or UacCallReinvitePcma => new Dictionary<string, string> { ["talk_ms"] = "3000" },
        UacCallHold => new Dictionary<string, string> { ["talk_ms"] = "3000", ["hold_ms"] = "2000" },
        UacExpectReject => new Dictionary<string, string> { ["expected"] = "any" },
        UasAnswer => new Dictionary<string, string> { ["answer_ms"] = "0", ["hangup_ms"] = "0" },
        UasReject => new Dictionary<string, string> { ["answer_ms"] = "0", ["reject_code"] = "486" },
        _ => new Dictionary<string, string>(),
    };
}
