package names

const Name = "api"
