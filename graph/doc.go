// Package graph fetches Microsoft Teams call records from Microsoft Graph:
// one record with every page of its sessions and participants merged into a
// single raw Graph JSON object, or the list of recent records.
//
// It speaks plain HTTP (no Graph SDK), reads responses with gjson, retries
// throttling and transient failures, keeps under Graph's rate limit for call
// records, and never lets the bearer token reach an error, a log or any host
// other than the Graph root. It knows nothing of the user interface; the
// bytes it returns are what data.Load reads from a file.
package graph
