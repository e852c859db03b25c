using SipCube.Contracts.Mappings;

namespace SipCube.ControlPlane.Mappings;

/// <summary>Field checks of a <see cref="MappingWriteRequest"/>; each failure names its JSON field.</summary>
internal static class MappingValidator
{
    public const int MaxDisplayNameLength = 128;
    public const int MaxSecretLength = 256;

    public static Dictionary<string, string> Validate(MappingWriteRequest request, bool sipUriRequired, out SipAor aor)
    {
        var errors = new Dictionary<string, string>();
        aor = default;
        if (request.SipUri is null)
        {
            if (sipUriRequired)
            {
                errors["sipUri"] = "is required (sip:user@domain)";
            }
        }
        else if (!SipAor.TryParse(request.SipUri, out aor, out var error))
        {
            errors["sipUri"] = SipAor.Describe(error);
        }

        if (request.ConnectyCubeUserId is <= 0)
        {
            errors["connectyCubeUserId"] = "must be a positive integer";
        }

        CheckText(errors, "displayName", request.DisplayName, MaxDisplayNameLength, allowEmpty: true);
        CheckText(errors, "sipPassword", request.SipPassword, MaxSecretLength, allowEmpty: false);
        if (request.ConnectyCube is { } cc)
        {
            CheckText(errors, "connectyCube.login", cc.Login ?? string.Empty, MaxSecretLength, allowEmpty: false);
            CheckText(errors, "connectyCube.password", cc.Password ?? string.Empty, MaxSecretLength, allowEmpty: false);
        }

        return errors;
    }

    private static void CheckText(Dictionary<string, string> errors, string field, string? value, int maxLength, bool allowEmpty)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length == 0 && !allowEmpty)
        {
            errors[field] = "must not be empty";
        }
        else if (value.Length > maxLength)
        {
            errors[field] = $"must be at most {maxLength} characters";
        }
        else if (value.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            errors[field] = "must not contain control characters";
        }
    }
}
