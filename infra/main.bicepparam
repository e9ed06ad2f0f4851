// Parameters for `azd up` and for `az deployment group create -g <group> -p infra/main.bicepparam`.
// Values come from environment variables (azd passes its environment's values), with safe defaults.
using 'main.bicep'

param name = readEnvironmentVariable('SERVESTATIC_NAME', 'servestatic')

// package (the default, also when empty) or blob, in any case. docs/deploy.md: `azd env set SERVESTATIC_RELEASE_SOURCE blob && azd provision`.
param releaseSource = empty(readEnvironmentVariable('SERVESTATIC_RELEASE_SOURCE', ''))
  ? 'package'
  : toLower(readEnvironmentVariable('SERVESTATIC_RELEASE_SOURCE', ''))

param alwaysReadyInstances = int(readEnvironmentVariable('SERVESTATIC_ALWAYS_READY_INSTANCES', '0'))

param customDomainHostName = readEnvironmentVariable('SERVESTATIC_CUSTOM_DOMAIN', '')

// Comma-separated CIDR ranges that may reach the deployment (SCM) site, e.g. "203.0.113.7/32".
param scmAllowedIpRanges = empty(readEnvironmentVariable('SERVESTATIC_SCM_ALLOWED_IP_RANGES', ''))
  ? []
  : split(readEnvironmentVariable('SERVESTATIC_SCM_ALLOWED_IP_RANGES', ''), ',')
