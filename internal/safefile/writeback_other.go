//go:build !linux

package safefile

import "os"

// startWriteback is a Linux advice (see writeback_linux.go); elsewhere
// Commit's sync writes everything.
func startWriteback(f *os.File, off, n int64) {}
