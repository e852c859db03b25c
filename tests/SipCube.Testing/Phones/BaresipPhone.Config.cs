using System.Globalization;
using System.Text;
using SipCube.Testing.Audio;

namespace SipCube.Testing.Phones;

/// <content>The private config directory: <c>config</c>, <c>accounts</c>, the source tone and the recordings folder.</content>
public sealed partial class BaresipPhone
{
    private static string WriteConfig(string dir, BaresipPhoneOptions options, int sipPort, int controlPort)
    {
        var codecs = Codecs(options);

        var source = options.SourceWav;
        if (source is null)
        {
            // aufile does not resample: the tone must already have the first codec's rate and channel count.
            var (rate, channels) = BaresipCodecs.AudioFormatOf(codecs[0]);
            source = Path.Combine(dir, "source.wav");
            ToneWav.Write(source, options.ToneHz, options.ToneSeconds, rate, channels);
        }

        var recordings = Path.Combine(dir, "rec");
        System.IO.Directory.CreateDirectory(recordings);
        var config = new StringBuilder();
        void Line(string key, string value) => config.Append(key).Append('\t').Append(value).Append('\n');
        Line("poll_method", "epoll");
        Line("sip_listen", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{sipPort}"));
        // "lo" fails ("could not get network address"); the address works.
        Line("net_interface", "127.0.0.1");
        Line("audio_player", "alsa,null");
        Line("audio_alert", "alsa,null");
        Line("audio_source", "aufile," + source);
        Line("rtp_stats", "yes");
        Line("module_path", "/usr/lib/baresip/modules");
        foreach (var module in new[] { "g711.so", "g722.so", "opus.so", "alsa.so", "aufile.so" })
        {
            Line("module", module);
        }

        if (options.RecordAudio)
        {
            Line("module", "sndfile.so");
            Line("snd_path", recordings);
        }

        Line("module_tmp", "account.so");
        // menu.so provides dial/accept/hangup/quit; ctrl_tcp only carries them.
        Line("module_app", "menu.so");
        Line("module_app", "ctrl_tcp.so");
        Line("ctrl_tcp_listen", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{controlPort}"));
        foreach (var extra in options.ExtraConfigLines)
        {
            config.Append(extra).Append('\n');
        }

        File.WriteAllText(Path.Combine(dir, "config"), config.ToString());
        // No account at start: it is created with uanew once the control connection is up, so its REGISTER_OK
        // cannot fire before anyone listens (ctrl_tcp drops events while no client is connected).
        File.WriteAllText(Path.Combine(dir, "accounts"), string.Empty);
        return recordings;
    }

    private static string[] Codecs(BaresipPhoneOptions options)
    {
        var codecs = options.AudioCodecs.Select(BaresipCodecs.Normalize).ToArray();
        return codecs.Length > 0 ? codecs : throw new ArgumentException("at least one audio codec is needed", nameof(options));
    }

    private static string AccountLine(BaresipPhoneOptions options)
    {
        var codecs = Codecs(options);
        var transport = options.Transport == PhoneTransport.Tcp ? "tcp" : "udp";
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"<sip:{options.User}@{options.Domain};transport={transport}>");
        if (options.Password is not null)
        {
            line.Append(";auth_pass=").Append(options.Password);
            line.Append(";auth_user=").Append(options.AuthUser ?? options.User);
        }

        if (options.Registrar is not null)
        {
            // outbound= sends every request there, so the AOR domain never needs DNS.
            line.Append(CultureInfo.InvariantCulture, $";outbound=\"sip:{options.Registrar};transport={transport}\"");
            line.Append(CultureInfo.InvariantCulture, $";regint={options.RegisterIntervalSeconds}");
        }
        else
        {
            line.Append(";regint=0");
        }

        line.Append(";answermode=").Append(options.AutoAnswer ? "auto" : "manual");
        line.Append(";audio_codecs=").Append(string.Join(',', codecs));
        line.Append(options.ExtraAccountParameters);
        return line.ToString();
    }
}
