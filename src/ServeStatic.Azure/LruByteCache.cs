namespace ServeStatic.Azure;

/// <summary>Whole bodies by content key, within a byte budget: adding past the budget drops the least recently used.</summary>
internal sealed class LruByteCache(long budget)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, byte[]>>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, byte[]>> _recency = []; // most recently used first
    private long _bytes;

    public long Bytes
    {
        get
        {
            lock (_lock)
                return _bytes;
        }
    }

    public bool TryGet(string key, out byte[] body)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                body = node.Value.Value;
                return true;
            }
        }
        body = [];
        return false;
    }

    /// <summary>Holds <paramref name="body"/> unless it alone exceeds the budget, evicting the least recently used to make room.</summary>
    public void Add(string key, byte[] body)
    {
        if (body.LongLength > budget)
            return;
        lock (_lock)
        {
            if (_entries.ContainsKey(key))
                return;
            _entries.Add(key, _recency.AddFirst(KeyValuePair.Create(key, body)));
            _bytes += body.LongLength;
            while (_bytes > budget && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Value.LongLength;
            }
        }
    }
}
