using System.Text;

namespace EcsBlueGreen.Simulator.Protocol;

/// <summary>nextToken / maxResults paging over a list that is stable between calls (opaque offset token).</summary>
public static class Pagination
{
    public static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> all, string? nextToken, int? maxResults, int defaultSize, int maxSize)
    {
        if (maxResults is < 1 || maxResults > maxSize)
            throw AwsException.InvalidParameter($"maxResults must be between 1 and {maxSize}.");
        var start = 0;
        if (!string.IsNullOrEmpty(nextToken))
        {
            try { start = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(nextToken))["offset:".Length..]); }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
            {
                throw AwsException.InvalidParameter("Invalid nextToken.");
            }
        }
        var size = maxResults ?? defaultSize;
        var page = all.Skip(start).Take(size).ToList();
        var next = start + size < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + (start + size))) : null;
        return (page, next);
    }
}
