namespace Vidnova.Localization;

/// <summary>
/// Marker for the app's one resource file. Keys are the Ukrainian texts themselves (Ukrainian is the default
/// culture); <c>SharedResource.en.resx</c> holds their English translations.
/// </summary>
public sealed class SharedResource;
