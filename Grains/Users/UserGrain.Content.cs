using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>
/// Content edits of this user: the request's token here, the edits in the space's grain (which
/// decides what this user may change), then the cards this user created counted in its account.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<Outcome<EditResults>> EditContent(ApiCredential credential, string spaceId, IReadOnlyList<ItemEdit> edits)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        if (edits.Count == 0)
            return new EditResults([], 0);

        var edited = await SpaceGrain(spaceId).Edit(AccessOf(credential), edits, allOrNothing: true);
        if (edited.Value is { CardsCreated: > 0 } results)
            await CountCardsCreated(results.CardsCreated);
        return edited;
    }

    /// <summary><c>cardsCreatedCount</c> (contract §4.1): the cards this user created, counted once they are written.</summary>
    private Task CountCardsCreated(int created) => state.Save(state.State with
    {
        Account = User! with { CardsCreatedCount = User.CardsCreatedCount + created },
    });
}
