namespace SipCube.ConnectyCube.Rest;

/// <summary>What a failed REST call means to the caller.</summary>
/// <remarks>connectycube-protocol.md §1.8 (statuses 400-503).</remarks>
public enum ConnectyCubeErrorKind
{
    /// <summary>400 or 422: the request was wrong (validation errors, taken login, bad signature).</summary>
    InvalidRequest,

    /// <summary>401 with "Required session does not exist": the token expired; a fresh session fixes it.</summary>
    SessionExpired,

    /// <summary>Other 401: wrong credentials.</summary>
    Unauthorized,

    /// <summary>403.</summary>
    Forbidden,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>429 after the retries.</summary>
    RateLimited,

    /// <summary>5xx, timeout or network failure after the retries.</summary>
    Unavailable,

    /// <summary>A 2xx whose body could not be read.</summary>
    BadResponse,
}
