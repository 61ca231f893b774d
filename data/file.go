package data

// Shape is the kind of export a file holds.
type Shape string

const (
	ShapeRecord     Shape = "call record"
	ShapeSessions   Shape = "sessions collection"
	ShapeSegments   Shape = "segments collection" // one session's segments: a record of one session
	ShapeRecordList Shape = "list of call records"
)

// File is what a source held: one or more call records, and what paths
// into it need (see package jqpath).
type File struct {
	Name       string // path, "-" for standard input, or the demo's name
	Size       int    // bytes after decompression
	Shape      Shape
	PowerShell bool // PascalCase keys: ConvertTo-Json of SDK objects
	Records    []*Record
	Warnings   []string // about the file as a whole

	// Raw is the whole document from its first line of JSON: a view of
	// the bytes loaded, not a copy.
	Raw string
	// Wrapped says the record stands in {"value": …}.
	Wrapped bool
	// Keys is how the file spells the keys of a record's levels.
	Keys Spelling
}

// Spelling is how a file spells the key of each level of a record
// ("sessions", "Sessions"…), as the first object of the level that holds
// one spells it; "" when none does.
type Spelling struct {
	Value, Sessions, Segments, Media, Streams string
}
