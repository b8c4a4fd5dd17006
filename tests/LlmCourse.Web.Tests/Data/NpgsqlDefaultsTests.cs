using LlmCourse.Web.Hosting;
using Npgsql;

namespace LlmCourse.Web.Tests.Data;

/// <summary>The site's Npgsql defaults apply only where the operator's connection string says nothing.</summary>
public sealed class NpgsqlDefaultsTests
{
    [Fact]
    public void AnUnsetConnectionString_GetsAutoPreparation_AndNoResetOnReturn()
    {
        var settings = new NpgsqlConnectionStringBuilder(PersistenceExtensions.WithNpgsqlDefaults("Host=db;Database=llmcourse;Username=u;Password=p"));

        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("db", settings.Host);
        Assert.Equal("llmcourse", settings.Database);
        Assert.Equal("p", settings.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NORESETONCLOSE=false")]
    public void WhatTheOperatorSet_IsKept_InAnySpelling(string given)
    {
        var settings = new NpgsqlConnectionStringBuilder(PersistenceExtensions.WithNpgsqlDefaults(given));

        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
    }
}
