metadata description = 'The Azure Front Door Standard profile. Its frontDoorId is what the origin checks in X-Azure-FDID.'

@description('Name of the profile.')
param name string

@description('Tags for the profile.')
param tags object

resource profile 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: name
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
  properties: {
    originResponseTimeoutSeconds: 60
  }
}

@description('The profile\'s unique id, sent by Front Door to origins in the X-Azure-FDID header.')
output frontDoorId string = profile.properties.frontDoorId
