metadata description = 'The ServeStatic origin: a .NET isolated function app on the Flex Consumption plan, reachable only through one Front Door profile.'

@description('Name of the function app (and the base of its plan\'s name).')
param name string

@description('Region of the app and its plan.')
param location string

@description('Tags for the app and its plan.')
param tags object

@description('The app\'s own storage account (AzureWebJobsStorage and the deployment package).')
param runtimeStorageAccountName string

@description('Container in the runtime storage account that holds the deployment package.')
param deploymentContainerName string

@description('Application Insights component that receives the app\'s telemetry.')
param appInsightsName string

@description('package: serve the release in the deployment package (ServeStatic__Source=Folder). blob: serve the release container\'s `current`, and the packaged release while it has none.')
@allowed([
  'package'
  'blob'
])
param releaseSource string

@description('URL of the release container (used with releaseSource blob).')
param releaseContainerUrl string

@description('Path of the ServeStatic health endpoint.')
param healthPath string

@description('The Front Door profile\'s frontDoorId: the only value of X-Azure-FDID the origin accepts.')
param frontDoorId string

@description('Instances kept warm for the HTTP trigger group (0 scales to zero).')
@minValue(0)
param alwaysReadyInstances int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('CIDR ranges allowed to reach the deployment (SCM) site; empty refuses everyone.')
param scmAllowedIpRanges string[]

// Where ServeStatic reads releases. Program.cs always points ServeStatic:Folder:Path at release/ beside the app, so
// 'package' needs no path, and 'blob' falls back to that folder while the container has no `current`.
var releaseSourceSettings = releaseSource == 'blob'
  ? [
      {
        name: 'ServeStatic__Source'
        value: 'Blob'
      }
      {
        name: 'ServeStatic__Blob__ContainerUrl'
        value: releaseContainerUrl
      }
    ]
  : [
      {
        name: 'ServeStatic__Source'
        value: 'Folder'
      }
    ]

// Built-in role definitions (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource runtimeStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: runtimeStorageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy the `origin` service (azure.yaml) to by this tag.
  tags: union(tags, { 'azd-service-name': 'origin' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${runtimeStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: [
          {
            name: 'http'
            instanceCount: alwaysReadyInstances
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Only Front Door reaches the app: its backend service tag AND this profile's id in
      // X-Azure-FDID (the service tag alone admits every Front Door customer's traffic).
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'FrontDoor'
          description: 'Requests forwarded by this Front Door profile'
          action: 'Allow'
          priority: 100
          tag: 'ServiceTag'
          ipAddress: 'AzureFrontDoor.Backend'
          headers: {
            'x-azure-fdid': [
              frontDoorId
            ]
          }
        }
      ]
      // The deployment (SCM) site has its own list: nobody unless a range is given for deploying.
      scmIpSecurityRestrictionsUseMain: false
      scmIpSecurityRestrictionsDefaultAction: 'Deny'
      scmIpSecurityRestrictions: [
        for (range, i) in scmAllowedIpRanges: {
          name: 'Deployer${i}'
          description: 'Deployment from an allowed address'
          action: 'Allow'
          priority: 100 + i
          tag: 'Default'
          ipAddress: range
        }
      ]
      appSettings: [
        // Identity-based host storage: no connection string, no key.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: runtimeStorage.properties.primaryEndpoints.blob
        }
        // The connection string names the component; writing needs the identity's token.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          name: 'ServeStatic__HealthPath'
          value: healthPath
        }
        ...releaseSourceSettings
      ]
    }
  }
}

// No publishing with user names and passwords: FTP and the SCM site accept Microsoft Entra ID only.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// The Functions host keeps its locks and keys in blobs of its own account, and Flex Consumption reads
// the deployment package from there: Storage Blob Data Owner on that account, which holds nothing else.
// HTTP triggers need no queues or tables, so no queue or table role.
resource runtimeStorageBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(runtimeStorage.id, site.id, storageBlobDataOwner)
  scope: runtimeStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, site.id, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the function app.')
output name string = site.name

@description('Default host name of the app (what Front Door connects to and sends as Host).')
output defaultHostName string = site.properties.defaultHostName

@description('Object id of the app\'s system-assigned managed identity.')
output principalId string = site.identity.principalId
