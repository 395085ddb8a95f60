namespace Everest.Site.Mqtt.Tests;

public sealed class MqttTopicsTests
{
    // filter, topic, matches
    [Theory]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/B", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/+", "a/b", true)]
    [InlineData("a/+", "a/", true)]
    [InlineData("a/+", "a", false)]
    [InlineData("a/+", "a/b/c", false)]
    [InlineData("+/+", "/x", true)]
    [InlineData("+", "/x", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("a/#", "ab", false)]
    [InlineData("#", "a/b", true)]
    [InlineData("#", "$SYS/broker", false)]
    [InlineData("+/broker", "$SYS/broker", false)]
    [InlineData("$SYS/#", "$SYS/broker", true)]
    [InlineData("$SYS/+", "$SYS/broker", true)]
    [InlineData("a/+/c/#", "a/b/c", true)]
    [InlineData("a/+/c/#", "a/b/d/c", false)]
    [InlineData("everest_api/1/+/+/e2m/#", "everest_api/1/system/sys_1/e2m/heartbeat", true)]
    public void Filter_matching_follows_mqtt_rules(string filter, string topic, bool matches) =>
        Assert.Equal(matches, MqttTopics.Matches(filter, topic));

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("/", true)]
    [InlineData("a/+/b", true)]
    [InlineData("#", true)]
    [InlineData("+", true)]
    [InlineData("a/#", true)]
    [InlineData("", false)]
    [InlineData("a/#/b", false)]
    [InlineData("a#", false)]
    [InlineData("a/b+", false)]
    [InlineData("+a", false)]
    [InlineData("a/\0", false)]
    public void Filter_validation_allows_wildcards_only_as_whole_levels(string filter, bool valid) =>
        Assert.Equal(valid, MqttTopics.IsValidFilter(filter));

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("$SYS/x", true)]
    [InlineData("", false)]
    [InlineData("a/+", false)]
    [InlineData("a/#", false)]
    [InlineData("a\0b", false)]
    public void Topic_name_validation_rejects_wildcards_and_empty_names(string topic, bool valid) =>
        Assert.Equal(valid, MqttTopics.IsValidTopicName(topic));

    [Fact]
    public void A_topic_longer_than_the_protocol_allows_is_rejected()
    {
        Assert.True(MqttTopics.IsValidTopicName(new string('a', MqttTopics.MaxTopicBytes)));
        Assert.False(MqttTopics.IsValidTopicName(new string('a', MqttTopics.MaxTopicBytes + 1)));
    }
}
