using Xunit.Sdk;

namespace Everest.Site.Actors.TestKit;

/// <summary>An expectation of a probe or the test kit was not met; fails the test with a readable message.</summary>
public sealed class TestKitAssertionException(string message) : XunitException(message);
