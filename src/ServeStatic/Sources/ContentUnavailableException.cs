namespace ServeStatic.Sources;

/// <summary>A content store cannot supply bytes now. The responder answers 503 with <c>Retry-After</c>, never a wrong body.</summary>
internal sealed class ContentUnavailableException : Exception
{
    public ContentUnavailableException() { }

    public ContentUnavailableException(string message) : base(message) { }

    public ContentUnavailableException(string message, Exception inner) : base(message, inner) { }
}
