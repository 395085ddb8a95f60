using Everest.Site.Domain.Billing.Tariffs;
using Everest.Site.Domain.Evse;
using static Everest.Site.Domain.Tests.Billing.History;
using static Everest.Site.Domain.Tests.Billing.Tariffs;

namespace Everest.Site.Domain.Tests.Billing;

public sealed class TariffBookTests
{
    private static readonly Tariff PublicV1 = Standard(0.49m) with { Id = "public" };
    private static readonly Tariff PublicV2 = PublicV1 with { Version = 2, ValidFrom = T0.AddDays(10), EnergyPerKwh = 0.55m };
    private static readonly Tariff Staff = Standard(0.20m) with { Id = "staff" };

    private static readonly TariffBook Book = new(
        "EUR",
        Berlin,
        "public",
        [PublicV2, PublicV1, Staff],
        [new TokenGroup("employees", "staff", ["04AABBCC"], []), new TokenGroup("fleet", "public", [], ["DE-FLT-"])]);

    [Fact]
    public void A_tariff_change_applies_to_transactions_that_start_after_it()
    {
        var token = new IdToken("anyone", "ISO14443");
        Assert.Equal(1, Book.Select(token, T0.AddDays(10).AddTicks(-1)).Tariff?.Version);
        Assert.Equal(2, Book.Select(token, T0.AddDays(10)).Tariff?.Version);
        Assert.Equal(0.55m, Book.Select(token, T0.AddDays(30)).Tariff?.EnergyPerKwh);
    }

    [Fact]
    public void Tokens_of_a_group_get_the_group_tariff_matched_case_insensitively_or_by_prefix()
    {
        var employee = Book.Select(new IdToken("04aabbcc", "ISO14443"), T0);
        Assert.Equal(("staff", "employees"), (employee.Tariff?.Id, employee.TokenGroupId));

        var fleet = Book.Select(new IdToken("DE-FLT-000123", "eMAID"), T0);
        Assert.Equal(("public", "fleet"), (fleet.Tariff?.Id, fleet.TokenGroupId));

        var walkIn = Book.Select(new IdToken("FFFF", "ISO14443"), T0);
        Assert.Equal(("public", (string?)null), (walkIn.Tariff?.Id, walkIn.TokenGroupId));
    }

    [Fact]
    public void No_default_tariff_or_no_version_valid_yet_leaves_a_transaction_unpriced()
    {
        Assert.Null((Book with { DefaultTariffId = null }).Select(new IdToken("x", "Local"), T0).Tariff);
        Assert.Null((Book with { Tariffs = [PublicV2] }).Select(new IdToken("x", "Local"), T0).Tariff);
    }
}
