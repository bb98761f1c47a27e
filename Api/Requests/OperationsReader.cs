using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Operations;

namespace Kinopio.Api.Requests;

/// <summary>
/// The operations of a batch as read: those to apply, and those already answered here (a body
/// no reader can take, an unknown name, an empty invite list).
/// </summary>
public sealed record OperationBatch(IReadOnlyList<Operation> Operations, IReadOnlyList<OperationResult> Answered);

/// <summary>
/// <c>POST /operations</c> (contract §8.2): an array of at least one <c>{"name", "body"}</c>, else the
/// whole request is a 400 and nothing is applied. Each body is read by the reader of the REST route
/// the operation stands for, leniently; one it refuses becomes that operation's 400 entry.
/// </summary>
public static class OperationsReader
{
    public static Outcome<OperationBatch> Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array || body.GetArrayLength() == 0)
            return Problem.BadRequest("body must be an array of operations: [{\"name\": ..., \"body\": ...}]");
        var index = 0;
        foreach (var element in body.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                return Problem.BadRequest($"[{index}].name is required: every operation is an object with a string name");
            index++;
        }

        var operations = new List<Operation>();
        var answered = new List<OperationResult>();
        index = 0;
        foreach (var element in body.EnumerateArray())
        {
            var name = element.GetProperty("name").GetString()!;
            var operationBody = element.TryGetProperty("body", out var sent) ? sent : default;
            var read = Operation(name, operationBody);
            if (read.Problem is { } problem)
                answered.Add(new OperationResult(index, name, IdIn(operationBody), problem));
            else if (read.Value!.Count == 0)
                answered.Add(new OperationResult(index, name, null, null));
            else
                operations.AddRange(read.Value.Select(operation => operation with { Index = index, Name = name }));
            index++;
        }

        return new OperationBatch(operations, answered);
    }

    /// <summary>One operation's body read as the domain calls it makes (one, or one per invite).</summary>
    private static Outcome<IReadOnlyList<Operation>> Operation(string name, JsonElement body)
    {
        if (name == "addCollaboratorToSpaces")
            return Invites(body);
        if (body.ValueKind != JsonValueKind.Object)
            return Problem.BadRequest($"body of {name} must be an object");

        Outcome<Operation> read = UserAndSpaceOperations.TryGetValue(name, out var readOperation) ? readOperation(body)
            : ItemOperations.TryGetValue(name, out var item) ? Item(body, item.Kind, item.Action)
            : Problem.BadRequest($"{name} is not an operation this server knows");
        return read.Problem is { } problem ? problem : new Outcome<IReadOnlyList<Operation>>([read.Value!], null);
    }

    /// <summary>One of the 19 operation names of contract §8.2 (what a metric may be labelled with; anything else is "unknown").</summary>
    public static bool Knows(string name) =>
        name == "addCollaboratorToSpaces" || UserAndSpaceOperations.ContainsKey(name) || ItemOperations.ContainsKey(name);

    private static readonly Dictionary<string, Func<JsonElement, Outcome<Operation>>> UserAndSpaceOperations = new()
    {
        ["updateUser"] = body => Map(UserPatchReader.Read(body, lenient: true), patch => new UpdateUserOperation(patch) { Index = 0, Name = "" }),
        ["addOrRemoveFavorite"] = body => Map(FavoriteToggleReader.Read(body), toggle => new ToggleFavoriteOperation(toggle) { Index = 0, Name = "" }),
        ["createSpace"] = body => Map(SpaceUploadReader.Read(body), space => new UploadSpaceOperation(space) { Index = 0, Name = "" }),
        ["updateSpace"] = body => Map(SpacePatchReader.Read(body, lenient: true), patch => new UpdateSpaceOperation(patch) { Index = 0, Name = "" }),
        ["removeSpace"] = body => Map(SpaceIdReader.Read(body), id => new SetSpaceRemovedOperation(id, Removed: true) { Index = 0, Name = "" }),
        ["restoreRemovedSpace"] = body => Map(SpaceIdReader.Read(body), id => new SetSpaceRemovedOperation(id, Removed: false) { Index = 0, Name = "" }),
        ["removeSpacePermanent"] = body => Map(SpaceIdReader.Read(body), id => new DeleteSpaceOperation(id) { Index = 0, Name = "" }),
    };

    private static readonly Dictionary<string, (ItemKind Kind, EditAction Action)> ItemOperations = new()
    {
        ["createCard"] = (ItemKind.Card, EditAction.Create),
        ["updateCard"] = (ItemKind.Card, EditAction.Update),
        ["removeCard"] = (ItemKind.Card, EditAction.Remove),
        ["restoreRemovedCard"] = (ItemKind.Card, EditAction.Restore),
        ["removeCardPermanent"] = (ItemKind.Card, EditAction.Delete),
        ["createConnection"] = (ItemKind.Connection, EditAction.Create),
        ["updateConnection"] = (ItemKind.Connection, EditAction.Update),
        ["removeConnection"] = (ItemKind.Connection, EditAction.Delete),
        ["createConnectionType"] = (ItemKind.ConnectionType, EditAction.Create),
        ["updateConnectionType"] = (ItemKind.ConnectionType, EditAction.Update),
        ["removeConnectionType"] = (ItemKind.ConnectionType, EditAction.Delete),
    };

    /// <summary>Item operations act in <c>body.spaceId</c>.</summary>
    private static Outcome<Operation> Item(JsonElement body, ItemKind kind, EditAction action)
    {
        if (ItemReader.SpaceId(body) is not { } spaceId)
            return Problem.BadRequest("spaceId is required: the id of the item's space");
        return Map(ItemReader.Read(body, kind, action, lenient: true), edit => new ItemOperation(spaceId, edit) { Index = 0, Name = "" });
    }

    /// <summary><c>addCollaboratorToSpaces</c>: an array of <c>{id, collaboratorKey}</c>, one join per space; an empty one does nothing.</summary>
    private static Outcome<IReadOnlyList<Operation>> Invites(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array)
            return Problem.BadRequest("body of addCollaboratorToSpaces must be an array of {id, collaboratorKey}");
        var joins = new List<Operation>();
        foreach (var invite in body.EnumerateArray())
        {
            if (SpaceIdReader.Read(invite) is not { Value: { } id }
                || !invite.TryGetProperty("collaboratorKey", out var key) || key.ValueKind != JsonValueKind.String)
                return Problem.BadRequest("each invite must be {id, collaboratorKey}");
            joins.Add(new JoinSpaceOperation(id, key.GetString()!) { Index = 0, Name = "" });
        }
        return joins;
    }

    private static Outcome<Operation> Map<T>(Outcome<T> read, Func<T, Operation> operation) =>
        read.Problem is { } problem ? problem : operation(read.Value!);

    private static string? IdIn(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}
