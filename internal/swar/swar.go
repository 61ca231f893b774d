// Package swar tests eight bytes at a time in one 64-bit word ("SIMD
// within a register"): how the JSON scanner finds the end of a string and
// the cleaner tells text that needs no work, several times faster than a
// byte at a time on the 100 MB record (measured when each was written).
package swar

import "encoding/binary"

const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
)

// Load reads the eight bytes of s at i, little-endian.
func Load(s string, i int) uint64 { return binary.LittleEndian.Uint64([]byte(s[i : i+8])) }

// Byte marks the bytes of x equal to b with their high bit; the lowest
// mark is exact, which is the one callers use.
func Byte(x uint64, b byte) uint64 {
	y := x ^ (lows * uint64(b))
	return (y - lows) &^ y & highs
}

// Less marks the bytes of x below n (n ≤ 128), the lowest exactly.
func Less(x uint64, n byte) uint64 {
	return (x - lows*uint64(n)) &^ x & highs
}

// High marks the bytes of x from 0x80 up (not ASCII).
func High(x uint64) uint64 { return x & highs }
