using System.Text;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary>A space as Kinopio clients see it in lists (contract §5.1).</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SpaceSummary")]
public record SpaceSummary
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Url { get; init; }
    [Id(3)] public required string Privacy { get; init; }
    [Id(4)] public required string UserId { get; init; }
    /// <summary>Exactly the owner: Kinopio clients read <c>users[0]</c>.</summary>
    [Id(5)] public required IReadOnlyList<PublicUser> Users { get; init; }
    [Id(6)] public IReadOnlyList<PublicUser> Collaborators { get; init; } = [];
    [Id(7)] public bool IsRemoved { get; init; }
    [Id(8)] public string? RemovedByUserId { get; init; }
    [Id(9)] public DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(11)] public bool ShowInExplore { get; init; }

    public static SpaceSummary Of(SpaceRecord space, PublicUser owner, IReadOnlyList<PublicUser>? collaborators = null) => new()
    {
        Id = space.Id,
        Name = space.Name,
        Url = UrlOf(space.Name, space.Id),
        Privacy = space.Privacy,
        UserId = space.UserId,
        Users = [owner],
        Collaborators = collaborators ?? [],
        IsRemoved = space.IsRemoved,
        RemovedByUserId = space.RemovedByUserId,
        CreatedAt = space.CreatedAt,
        UpdatedAt = space.UpdatedAt,
        ShowInExplore = space.ShowInExplore,
    };

    /// <summary>Just the summary, without what a derived view (a full space) adds.</summary>
    public SpaceSummary AsSummary() => GetType() == typeof(SpaceSummary) ? this : new SpaceSummary(this);

    /// <summary><c>&lt;slug of name&gt;-&lt;id&gt;</c>: lowercase letters and digits, other runs of characters become one dash.</summary>
    public static string UrlOf(string name, string id)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }

        var stem = slug.ToString().Trim('-');
        return stem.Length == 0 ? id : $"{stem}-{id}";
    }

    /// <summary>
    /// The ids a url made by <see cref="UrlOf"/> may end with, longest first: the whole text (a name
    /// without letters or digits leaves the id alone), then the text after each dash (ids may hold
    /// dashes themselves). Only valid ids, so at most one more than there are dashes, and at most 65.
    /// </summary>
    public static IEnumerable<string> IdsIn(string url) => url
        .Select((c, i) => (Char: c, Next: i + 1))
        .Where(at => at.Char == '-' && url.Length - at.Next <= Ids.MaxLength)
        .Select(at => url[at.Next..])
        .Prepend(url)
        .Where(Ids.IsValid);
}
