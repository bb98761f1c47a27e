# One image for both cluster processes (see docker-compose.yml):
#   silo: dotnet /app/silo/Kinopio.Silo.dll
#   api:  dotnet /app/api/Kinopio.Api.dll   (the default; embedded mode without ConnectionStrings__Postgres)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Silo/Silo.csproj Silo/
COPY Api/Api.csproj Api/
RUN dotnet restore Silo/Silo.csproj && dotnet restore Api/Api.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Silo/ Silo/
COPY Api/ Api/
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -o /app/silo \
 && dotnet publish Api/Api.csproj -c Release --no-restore -o /app/api

FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /app /app
# Embedded mode keeps its SQLite file (and Data Protection keys) in /data: a volume, owned by the
# image's non-root user "app", readable by it alone.
RUN mkdir -p /data && chown app:app /data && chmod 0700 /data
ENV Kinopio__DataPath=/data/kinopio.db
VOLUME /data
USER app
WORKDIR /app/api
EXPOSE 3000
ENTRYPOINT ["dotnet", "/app/api/Kinopio.Api.dll", "--urls", "http://0.0.0.0:3000"]
