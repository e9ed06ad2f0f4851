namespace ServeStatic.Serving;

/// <summary>
/// What <see cref="AssetIndex.HoldSmallBodiesAsync"/> did: the bodies it held in memory and their bytes, and how many it did
/// not hold: left to be streamed because the store could not supply them, or refused because they did not match the index
/// (the first such error).
/// </summary>
internal readonly record struct HeldBodies(int Count, long Bytes, int Failed, Exception? FirstFailure);
