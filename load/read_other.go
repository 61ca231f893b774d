//go:build !linux

package load

// hugePages is a Linux advice (see read_linux.go); elsewhere b stays as it is.
func hugePages(b []byte) []byte { return b }
