using Orleans.Concurrency;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Operations;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Interfaces.Users;

/// <summary>
/// One Kinopio user: profile, password hash, apiKey and its own rate-limit bucket.
/// Every method that takes an <see cref="ApiCredential"/> serves one HTTP request: it checks
/// the key, takes one token from the bucket, then does the work, in this one call.
/// Methods that other grains call are read-only and interleave, so grains never wait on each other in a cycle.
/// </summary>
[Alias("Kinopio.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("SignUp")]
    Task<Outcome<PrivateUser>> SignUp(SignUpRequest request);

    [Alias("Admit")]
    Task<Problem?> Admit(ApiCredential credential);

    [Alias("GetUser")]
    Task<Outcome<PrivateUser>> GetUser(ApiCredential credential);

    [Alias("UpdateUser")]
    Task<Outcome<PrivateUser>> UpdateUser(ApiCredential credential, UserPatch patch);

    [Alias("DeleteUser")]
    Task<Outcome<Done>> DeleteUser(ApiCredential credential);

    [Alias("CreateSpaces")]
    Task<Outcome<IReadOnlyList<SpaceSummary>>> CreateSpaces(ApiCredential credential, IReadOnlyList<NewSpace> spaces);

    /// <summary>Any viewable space with its content, the user's own or another's.</summary>
    [Alias("ViewSpace")]
    Task<Outcome<FullSpace>> ViewSpace(ApiCredential credential, string spaceId);

    [Alias("UpdateSpace")]
    Task<Outcome<SpaceSummary>> UpdateSpace(ApiCredential credential, SpacePatch patch);

    [Alias("RemoveSpace")]
    Task<Outcome<SpaceSummary>> RemoveSpace(ApiCredential credential, string spaceId);

    [Alias("RestoreSpace")]
    Task<Outcome<SpaceSummary>> RestoreSpace(ApiCredential credential, string spaceId);

    [Alias("DeleteSpace")]
    Task<Outcome<Done>> DeleteSpace(ApiCredential credential, string spaceId);

    /// <summary>The user's own spaces that are not removed, newest <c>updatedAt</c> first.</summary>
    /// <summary>
    /// Edits the content of one space, all or nothing (the REST content routes): the results of
    /// each edit; when one is refused, nothing is written and the refusal is the last result.
    /// </summary>
    [Alias("EditContent")]
    Task<Outcome<EditResults>> EditContent(ApiCredential credential, string spaceId, IReadOnlyList<ItemEdit> edits);

    /// <summary><c>POST /operations</c>: one token, then each operation in order, applied or refused on its own (contract §8.2).</summary>
    [Alias("ApplyOperations"), ResponseTimeout("00:05:00")]
    Task<Outcome<IReadOnlyList<OperationResult>>> ApplyOperations(ApiCredential credential, IReadOnlyList<Operation> operations);

    /// <summary><c>POST /space/multiple</c>: the spaces that could be taken, written each in one write and shown with their content (contract §8.1).</summary>
    [Alias("UploadSpaces"), ResponseTimeout("00:05:00")]
    Task<Outcome<IReadOnlyList<FullSpace>>> UploadSpaces(ApiCredential credential, IReadOnlyList<SpaceUpload> spaces);

    /// <summary><c>PATCH /space/collaborator</c>: joins with the collaborator key the credential carries (contract §9.3).</summary>
    [Alias("JoinSpace")]
    Task<Outcome<FullSpace>> JoinSpace(ApiCredential credential, string spaceId);

    /// <summary><c>DELETE /space/collaborator</c>: the owner removes anyone, a collaborator themselves.</summary>
    [Alias("RemoveCollaborator")]
    Task<Outcome<SpaceSummary>> RemoveCollaborator(ApiCredential credential, string spaceId, string userId);

    /// <summary><c>GET /space/:spaceId/collaborator-key</c>: for members.</summary>
    [Alias("GetCollaboratorKey")]
    Task<Outcome<string>> GetCollaboratorKey(ApiCredential credential, string spaceId);

    [Alias("GetSpaces")]
    Task<Outcome<IReadOnlyList<SpaceSummary>>> GetSpaces(ApiCredential credential);

    [Alias("GetRemovedSpaces")]
    Task<Outcome<IReadOnlyList<SpaceSummary>>> GetRemovedSpaces(ApiCredential credential);

    [Alias("GetFavorites")]
    Task<Outcome<UserWithFavorites>> GetFavorites(ApiCredential credential);

    [Alias("ToggleFavorite")]
    Task<Outcome<FavoriteToggled>> ToggleFavorite(ApiCredential credential, FavoriteToggle toggle);

    /// <summary>
    /// A socket of this user joins a space's room: the user must be able to view it (else 401).
    /// While the socket is in the room (renewed by <see cref="KeepInRooms"/>) the user is present
    /// there. Realtime calls take no rate-limit token: sockets have their own flood limit.
    /// </summary>
    [Alias("EnterRoom")]
    Task<Outcome<RoomEntry>> EnterRoom(ApiCredential credential, string socketId, string spaceId);

    [Alias("LeaveRoom")]
    Task LeaveRoom(ApiCredential credential, string socketId);

    /// <summary>
    /// A WebSocket of this user opens, on any front end: null, or the 429 past <c>Limits:SocketsPerUser</c>
    /// open at once (contract §11). Costs no rate-limit token (contract §3); the front end renews
    /// the socket's lease with <see cref="RenewSockets"/> and ends it with <see cref="CloseSocket"/>.
    /// </summary>
    [Alias("OpenSocket")]
    Task<Problem?> OpenSocket(ApiCredential credential, string socketId);

    [Alias("CloseSocket")]
    Task CloseSocket(string socketId);

    [Alias("RenewSockets"), OneWay]
    Task RenewSockets(IReadOnlyList<string> socketIds);

    /// <summary>
    /// Renews the presence of sockets still in their rooms, by socket id → space id (the front end
    /// calls it periodically); a visit this activation does not know (it is new after a crash or a
    /// move) is entered again.
    /// </summary>
    [Alias("KeepInRooms")]
    Task KeepInRooms(ApiCredential credential, IReadOnlyDictionary<string, string> spaceIdsBySocket);

    /// <summary>
    /// A space this user owns changed through someone else (a collaborator): its summary follows.
    /// One-way, so that the space's grain never waits on the owner's (which may be waiting on it).
    /// </summary>
    [Alias("KeepSummary"), OneWay]
    Task KeepSummary(SpaceRecord space);

    /// <summary>The user and the open space it is in now, or null when it is in none.</summary>
    [Alias("GetPresence"), AlwaysInterleave]
    Task<PresentUser?> GetPresence();

    [Alias("GetPublicProfile"), AlwaysInterleave]
    Task<PublicProfile?> GetPublicProfile();

    [Alias("GetPublicUser"), AlwaysInterleave]
    Task<PublicUser?> GetPublicUser();

    /// <summary>
    /// The private user when the password is right, else no value; the problem when the password could
    /// not be checked now (the silo's password hashing is full: 503). Called by the EmailGrain.
    /// </summary>
    [Alias("CheckPassword"), AlwaysInterleave]
    Task<Outcome<PrivateUser>> CheckPassword(string password);

    /// <summary>
    /// After <see cref="CheckPassword"/> answered the user without its apiKey (the key ring can no
    /// longer decrypt the stored key): checks the password again and gives the user a new apiKey,
    /// revoking the old one. Not interleaved, since it writes. Called by the EmailGrain.
    /// </summary>
    [Alias("ReplaceLostApiKey")]
    Task<Outcome<PrivateUser>> ReplaceLostApiKey(string password);

    /// <summary>
    /// A new password reset token (valid for an hour) when <paramref name="email"/> is this user's
    /// email, else null. The Api mails it and never logs it; only its hash is stored.
    /// </summary>
    [Alias("IssueResetToken")]
    Task<string?> IssueResetToken(string email);

    /// <summary>Null when the reset token is live, else the 401 problem.</summary>
    [Alias("CheckResetToken"), AlwaysInterleave]
    Task<Problem?> CheckResetToken(ResetCredential credential);

    /// <summary>Sets the password with a live reset token, which ends it and every other reset token of the user.</summary>
    [Alias("ResetPassword")]
    Task<Outcome<PrivateUser>> ResetPassword(ResetCredential credential, string password);

    /// <summary>Sets the password of the signed-in user (one rate-limit token); the apiKey stays, reset tokens end.</summary>
    [Alias("ChangePassword")]
    Task<Outcome<PrivateUser>> ChangePassword(ApiCredential credential, string password);

    /// <summary>Whether this user holds (or is right now claiming) the unique value.</summary>
    [Alias("Holds"), AlwaysInterleave]
    Task<bool> Holds(UniqueValue value);
}
