// Package samples holds the demo call record that ships with callscope: small,
// hand-written and embedded. (Large synthetic records come from package generate.)
//
// Everything here is fictional: people, tenants, addresses and metrics are invented. The
// shapes and field names follow Microsoft Graph v1.0 callRecords exactly.
package samples

import _ "embed"

// DemoName is the file name of the embedded demo record.
const DemoName = "demo.json"

// Demo is a fictional Teams group call record in raw Microsoft Graph v1.0 JSON (with OData
// annotations), as returned by
// GET /communications/callRecords/{id}?$expand=sessions($expand=segments) plus the
// participants_v2 list. See README.md for what it shows.
//
//go:embed demo.json
var Demo []byte
