//go:build !unix

package ui

// readJobState: no job control outside Unix; Bubble Tea does not suspend there.
func readJobState() jobState { return jobState{} }
