# Multi-stage build: the SDK image restores and publishes; the runtime image only runs the site.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/LlmCourse.Core/LlmCourse.Core.csproj src/LlmCourse.Core/
COPY src/LlmCourse.Web/LlmCourse.Web.csproj src/LlmCourse.Web/
RUN dotnet restore src/LlmCourse.Web/LlmCourse.Web.csproj
COPY src/ src/
RUN dotnet publish src/LlmCourse.Web/LlmCourse.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY content/ ./content/
ENV ASPNETCORE_URLS=http://+:8080 \
    Content__Path=/app/content \
    DOTNET_gcServer=0
EXPOSE 8080
USER app
# No curl in the runtime image: ask /readyz over bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["dotnet", "LlmCourse.Web.dll"]
