namespace Kinopio.Grains.Interfaces.Spaces;

public static class SpacePrivacy
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Private = "private";

    public static bool IsValid(string privacy) => privacy is Open or Closed or Private;
}
