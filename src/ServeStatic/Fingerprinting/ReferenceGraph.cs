namespace ServeStatic.Fingerprinting;

/// <summary>Which files name which renamed files, and the strongly connected components of that graph.</summary>
internal static class ReferenceGraph
{
    /// <summary>
    /// The strongly connected components of the graph over nodes <c>0..edges.Count-1</c> (Tarjan's algorithm, iterative so a
    /// long chain cannot overflow the stack), each listed after every component it has an edge to: dependencies first.
    /// Each component's members are in ascending order.
    /// </summary>
    public static List<int[]> ComponentsInDependencyOrder(IReadOnlyList<IReadOnlyList<int>> edges)
    {
        var count = edges.Count;
        var index = new int[count];
        var lowLink = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<int[]>();
        var next = 0;
        var work = new Stack<(int Node, int Edge)>();
        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0)
                continue;
            work.Push((root, 0));
            while (work.TryPop(out var frame))
            {
                var (node, edge) = frame;
                if (edge == 0)
                {
                    index[node] = lowLink[node] = next++;
                    stack.Push(node);
                    onStack[node] = true;
                }
                else
                {
                    // Returned from the child at edge - 1.
                    lowLink[node] = Math.Min(lowLink[node], lowLink[edges[node][edge - 1]]);
                }
                var descended = false;
                for (; edge < edges[node].Count; edge++)
                {
                    var target = edges[node][edge];
                    if (index[target] < 0)
                    {
                        work.Push((node, edge + 1));
                        work.Push((target, 0));
                        descended = true;
                        break;
                    }
                    if (onStack[target])
                        lowLink[node] = Math.Min(lowLink[node], index[target]);
                }
                if (descended || lowLink[node] != index[node])
                    continue;
                var members = new List<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    members.Add(member);
                }
                while (member != node);
                members.Sort();
                components.Add([.. members]);
            }
        }
        return components;
    }
}
