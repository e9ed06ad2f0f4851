metadata description = 'ServeStatic for Azure: a Flex Consumption function app that serves the release in its deployment package, or releases from a blob container, locked behind Azure Front Door Standard.'

@description('Base of every resource name: 3-12 lowercase letters, digits or hyphens (storage accounts drop the hyphens).')
@minLength(3)
@maxLength(12)
param name string = 'servestatic'

@description('Region of the regional resources (Front Door is global). Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Where the origin serves releases from: package, the release built into the deployment package (rollback = redeploy); blob, the release container\'s `current` (publish and roll back without a redeploy; the packaged release serves until the container has a `current`). docs/deploy.md.')
@allowed([
  'package'
  'blob'
])
param releaseSource string = 'package'

@description('Object id of the principal that publishes releases; it gets Storage Blob Data Contributor on the release container. Defaults to whoever runs the deployment; empty grants nothing.')
param deployPrincipalId string = deployer().objectId

@description('Instances kept warm for the HTTP trigger group. 0 scales to zero (cold starts, no idle cost); each warm instance is billed all the time.')
@minValue(0)
@maxValue(20)
param alwaysReadyInstances int = 0

@description('Most instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Seconds between Front Door health probes from each edge. Every probe is a billed execution of the origin.')
@minValue(5)
@maxValue(255)
param healthProbeIntervalSeconds int = 240

@description('Custom domain for the site (for example www.example.com), served with a Front Door managed certificate; empty for the endpoint host name only.')
param customDomainHostName string = ''

@description('CIDR ranges (for example 203.0.113.7/32) allowed to reach the function app\'s deployment (SCM) site, which `azd deploy` uses; empty refuses everyone.')
param scmAllowedIpRanges string[] = []

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Tags for every resource.')
param tags object = {}

// The health endpoint of ServeStatic (ServeStatic:HealthPath); Front Door probes the same path.
var healthPath = '/.servestatic/health'
var releaseContainerName = 'site'
var deploymentContainerName = 'deployment-package'

// Names are computed here, from parameters only, so that What-If can predict every resource.
var token = uniqueString(resourceGroup().id, name)
var storageBase = replace(toLower(name), '-', '')
var names = {
  workspace: 'log-${name}-${token}'
  appInsights: 'appi-${name}-${token}'
  runtimeStorage: take('${storageBase}fn${token}', 24)
  releaseStorage: take('${storageBase}rel${token}', 24)
  frontDoorProfile: 'afd-${name}-${token}'
  frontDoorEndpoint: '${name}-${token}'
  functionApp: '${name}-${token}'
}

// Built-in role definitions (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageBlobDataReader = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

module monitoring 'modules/monitoring.bicep' = {
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

// Two accounts, so that the Functions host's Storage Blob Data Owner on its own account never
// reaches the releases: on those the origin can only read.
module runtimeStorage 'modules/storage.bicep' = {
  params: {
    name: names.runtimeStorage
    location: location
    tags: tags
    containerName: deploymentContainerName
  }
}

module releaseStorage 'modules/storage.bicep' = {
  params: {
    name: names.releaseStorage
    location: location
    tags: tags
    containerName: releaseContainerName
  }
}

module frontDoorProfile 'modules/frontDoorProfile.bicep' = {
  params: {
    name: names.frontDoorProfile
    tags: tags
  }
}

module functionApp 'modules/functionApp.bicep' = {
  dependsOn: [
    monitoring
    runtimeStorage
  ]
  params: {
    name: names.functionApp
    location: location
    tags: tags
    runtimeStorageAccountName: names.runtimeStorage
    deploymentContainerName: deploymentContainerName
    appInsightsName: names.appInsights
    releaseSource: releaseSource
    releaseContainerUrl: releaseStorage.outputs.containerUrl
    healthPath: healthPath
    frontDoorId: frontDoorProfile.outputs.frontDoorId
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    scmAllowedIpRanges: scmAllowedIpRanges
  }
}

// Depends on the profile through functionApp (frontDoorId).
module frontDoor 'modules/frontDoor.bicep' = {
  params: {
    profileName: names.frontDoorProfile
    endpointName: names.frontDoorEndpoint
    tags: tags
    originHostName: functionApp.outputs.defaultHostName
    healthPath: healthPath
    healthProbeIntervalSeconds: healthProbeIntervalSeconds
    customDomainHostName: customDomainHostName
  }
}

resource releaseAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: names.releaseStorage

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource container 'containers' existing = {
      name: releaseContainerName
    }
  }
}

// The origin reads releases and nothing else. (Created after the container: functionApp waits for it.)
resource originReadsReleases 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(releaseAccount::blobService::container.id, names.functionApp, storageBlobDataReader)
  scope: releaseAccount::blobService::container
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReader)
    principalId: functionApp.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

// The publisher writes releases (content, index, `current`) to this container only. Its principal
// type is left to Azure: the deployer may be a user or a service principal.
resource deployerPublishesReleases 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployPrincipalId)) {
  name: guid(releaseAccount::blobService::container.id, deployPrincipalId, storageBlobDataContributor)
  scope: releaseAccount::blobService::container
  dependsOn: [
    releaseStorage
  ]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: deployPrincipalId
  }
}

@description('The site\'s public URL: the Front Door endpoint.')
output FRONT_DOOR_ENDPOINT_URL string = frontDoor.outputs.endpointUrl

@description('Name of the Front Door profile (for `az afd endpoint purge --profile-name`).')
output FRONT_DOOR_PROFILE_NAME string = names.frontDoorProfile

@description('Name of the Front Door endpoint (for `az afd endpoint purge --endpoint-name`).')
output FRONT_DOOR_ENDPOINT_NAME string = names.frontDoorEndpoint

@description('Name of the function app (the origin).')
output FUNCTION_APP_NAME string = names.functionApp

@description('URL of the container releases are published to (`servestatic publish --container-url`); created in both modes, so switching to blob is one parameter.')
output RELEASE_CONTAINER_URL string = releaseStorage.outputs.containerUrl

@description('What the origin serves: package or blob (the releaseSource parameter). The azd postdeploy hook publishes to the container only for blob.')
output RELEASE_SOURCE string = releaseSource

@description('TXT record value for _dnsauth.<custom domain>, which proves the domain is yours; empty without a custom domain.')
output CUSTOM_DOMAIN_VALIDATION_TOKEN string = frontDoor.outputs.customDomainValidationToken
