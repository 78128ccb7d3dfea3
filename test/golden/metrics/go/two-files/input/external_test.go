package accounts_test

// An external test package: its names are not the package's, so this does not clash with the generated
// requestCount.
var requestCount = "not the instrument"
