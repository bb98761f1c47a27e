using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Api.Requests;

/// <summary><c>POST /space/multiple</c>: an array of full spaces, any count (<c>[]</c> included); a space leniency cannot mend is left out.</summary>
public static class SpaceUploadsReader
{
    public static Outcome<IReadOnlyList<SpaceUpload>> Read(JsonElement body) => body.ValueKind != JsonValueKind.Array
        ? Problem.BadRequest("body must be an array of spaces")
        : new Outcome<IReadOnlyList<SpaceUpload>>(body.EnumerateArray()
            .Select(SpaceUploadReader.Read)
            .Where(space => space.Problem is null)
            .Select(space => space.Value!)
            .ToList(), null);
}
