namespace Vidnova.Problems;

/// <summary>
/// What kind of refusal a rule violation is. The domain picks one; <see cref="ProblemDetailsMapping"/> (the API) and
/// <see cref="RefusalPageFilter"/> (Razor pages) turn it into a status code, so the domain knows nothing of HTTP.
/// </summary>
public enum RefusalCategory
{
    /// <summary>The request clashes with the current state (409).</summary>
    Conflict,

    /// <summary>The request can never succeed as sent (422).</summary>
    InvalidInput,

    /// <summary>The request could not be read as the documented shape (400).</summary>
    MalformedRequest,

    /// <summary>The thing named does not exist, or is not the caller's to see (404).</summary>
    NotFound,

    /// <summary>The caller could not be identified (401).</summary>
    Unauthenticated,

    /// <summary>The caller is known but may not do this (403).</summary>
    Forbidden,

    /// <summary>What was sent is bigger than accepted (413).</summary>
    TooLarge,

    /// <summary>What was sent is of a type not accepted (415).</summary>
    UnsupportedMediaType,

    /// <summary>A limit was reached; worth repeating after its retry-after duration (429).</summary>
    TooManyRequests,

    /// <summary>A service the request depends on (a payment provider) did not answer; worth repeating later (503).</summary>
    Unavailable,
}
