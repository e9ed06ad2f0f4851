#!/bin/sh
# The azd postdeploy hook (azure.yaml). When the deployed app serves releases from blob storage, publishes the release
# its package carries to the release container and activates it; when the app serves the release in its package,
# there is nothing to publish. docs/deploy.md explains the two modes.
#
# The release is the package's own: MSBuild builds it with the targets that put it in the package
# (src/ServeStatic/buildTransitive/ServeStatic.targets, the ServeStatic package's build integration, target ServeStaticRelease), so the site folder and the
# build options are the package's and the release id is the same; after `azd deploy` it is already up to date.
#
# Inputs, from the environment (azd passes its environment's values and infra/main.bicep's outputs to hooks):
#   RELEASE_SOURCE         package or blob: what the provisioned app serves (an output). Unset: SERVESTATIC_RELEASE_SOURCE
#                          (the parameter's input, for a run by hand), else package.
#   RELEASE_CONTAINER_URL  the release container (an output); publish signs in with DefaultAzureCredential (azd, az).
#   SERVESTATIC_RELEASE_CONNECTION_STRING and SERVESTATIC_RELEASE_CONTAINER
#                          instead of the URL: a connection string (an account key, or Azurite) and a container name.
#   SERVESTATIC_BUILD_CONFIGURATION
#                          the configuration the app was published in; Release by default, as `azd deploy` publishes.
set -eu
cd "$(dirname "$0")/.."

source=$(printf '%s' "${RELEASE_SOURCE:-${SERVESTATIC_RELEASE_SOURCE:-package}}" | tr '[:upper:]' '[:lower:]')
case "$source" in
package)
    wanted=$(printf '%s' "${SERVESTATIC_RELEASE_SOURCE:-package}" | tr '[:upper:]' '[:lower:]')
    if [ "$wanted" = blob ]; then
        echo "publish-release: the app serves the release in its package, nothing to publish (SERVESTATIC_RELEASE_SOURCE is blob: run azd provision to switch)"
    else
        echo "publish-release: the app serves the release in its package, nothing to publish"
    fi
    exit 0
    ;;
blob) ;;
*)
    echo "publish-release: RELEASE_SOURCE is '$source'; expected package or blob" >&2
    exit 2
    ;;
esac

if [ -n "${SERVESTATIC_RELEASE_CONNECTION_STRING:-}" ]; then
    if [ -z "${SERVESTATIC_RELEASE_CONTAINER:-}" ]; then
        echo "publish-release: SERVESTATIC_RELEASE_CONNECTION_STRING needs SERVESTATIC_RELEASE_CONTAINER (the container name)" >&2
        exit 2
    fi
    set -- --connection-string "$SERVESTATIC_RELEASE_CONNECTION_STRING" --container "$SERVESTATIC_RELEASE_CONTAINER"
elif [ -n "${RELEASE_CONTAINER_URL:-}" ]; then
    set -- --container-url "$RELEASE_CONTAINER_URL"
else
    echo "publish-release: no release container: RELEASE_CONTAINER_URL (an output of azd provision) is not set" >&2
    exit 2
fi

configuration=${SERVESTATIC_BUILD_CONFIGURATION:-Release}
echo "publish-release: building the package's release ($configuration)"
folder=$(dotnet msbuild src/ServeStatic.Functions/ServeStatic.Functions.csproj -restore -nologo \
    -p:Configuration="$configuration" -t:ServeStaticRelease -getProperty:ServeStaticReleaseFolder)
echo "publish-release: publishing $folder"
# The servestatic tool: this repository's own source, or, in a project made by `dotnet new servestatic-functions`, the
# ServeStatic.Cli local tool its manifest (.config/dotnet-tools.json) names.
if [ -d src/ServeStatic.Cli ]; then
    dotnet run --project src/ServeStatic.Cli -c "$configuration" --no-launch-profile -- publish "$folder" --activate "$@"
else
    dotnet tool restore >/dev/null
    dotnet tool run servestatic publish "$folder" --activate "$@"
fi
