//go:build !linux

package data

import "io"

// MapSource is ReadSource where files are not mapped.
func MapSource(path string, stdin io.Reader) ([]byte, error) { return ReadSource(path, stdin) }
