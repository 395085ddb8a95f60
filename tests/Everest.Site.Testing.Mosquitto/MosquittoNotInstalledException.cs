namespace Everest.Site.Testing.Mosquitto;

/// <summary>A mosquitto program this fixture needs is not on PATH.</summary>
public sealed class MosquittoNotInstalledException(string message) : Exception(message);
