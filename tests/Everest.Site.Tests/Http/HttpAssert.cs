using System.Net;
using System.Text.Json;

namespace Everest.Site.Tests.Http;

/// <summary>Reading and checking the API's JSON answers.</summary>
internal static class HttpAssert
{
    /// <summary>Asserts the status and returns the body as JSON, with the body in the failure message.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="expected"/> status and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response, expected);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="condition"/> holds, failing after <paramref name="cap"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan cap, string what)
    {
        using var timeout = new CancellationTokenSource(cap);
        var last = await read();
        while (!condition(last))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{what} did not happen within {cap.TotalSeconds:0} s; last seen: {last}");
            }

            last = await read();
        }

        return last;
    }
}
