// Package jqpath gives the jq path of a node in its source file, spelled as
// the file spells its keys: ".sessions[2].segments[0].media[1]" in a Graph
// export, ".Sessions[2].Segments[0]…" in a PowerShell one, ".value[3]" for
// a record in a list. `y p` copies it, the JSON report and export print it.
package jqpath

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/data"
)

// Of is the path of a node of r in f. Pass nil for the levels below the
// node.
func Of(f *data.File, r *data.Record, se *data.Session, sg *data.Segment, md *data.Media, st *data.Stream) string {
	return string(Append(nil, f, r, se, sg, md, st))
}

// Append appends the path of the node to b (see Of): cheap enough for every
// stream of a big meeting, as the JSON report and export give each its path.
func Append(b []byte, f *data.File, r *data.Record, se *data.Session, sg *data.Segment, md *data.Media, st *data.Stream) []byte {
	start := len(b)
	switch f.Shape {
	case data.ShapeRecordList:
		b = appendCollection(b, f)
		b = appendIndex(b, r.Index)
	case data.ShapeSessions:
		if se == nil {
			return append(b, collection(f)...)
		}
		b = appendCollection(b, f)
	case data.ShapeSegments: // the call and its one session are the whole file
		if sg == nil {
			return append(b, '.')
		}
		b = appendCollection(b, f)
		b = appendIndex(b, sg.Index)
	case data.ShapeRecord:
		if f.Wrapped {
			b = append(b, collection(f)...) // {"value": {the record}}
		}
	}
	if se != nil && f.Shape != data.ShapeSegments {
		if f.Shape != data.ShapeSessions {
			b = appendKey(b, f.Keys.Sessions, "sessions")
		}
		b = appendIndex(b, se.Index)
	}
	if sg != nil && f.Shape != data.ShapeSegments {
		b = appendKey(b, f.Keys.Segments, "segments")
		b = appendIndex(b, sg.Index)
	}
	if md != nil {
		b = appendKey(b, f.Keys.Media, "media")
		b = appendIndex(b, md.Index)
	}
	if st != nil {
		b = appendKey(b, f.Keys.Streams, "streams")
		b = appendIndex(b, st.Index)
	}
	if len(b) == start {
		b = append(b, '.')
	}
	return b
}

// appendKey appends a level's step as the file spells its key, or as Graph
// does when no object of the file has it.
func appendKey(b []byte, spelled, graph string) []byte {
	if spelled == "" {
		spelled = graph
	}
	if plainKey(spelled) {
		return append(append(b, '.'), spelled...)
	}
	return strconv.AppendQuote(append(b, '.'), spelled)
}

// appendCollection appends the path of a collection's array before an
// index: ".value", or "." when the document is the array itself (jq wants
// the dot before a bare index: ".[2]").
func appendCollection(b []byte, f *data.File) []byte {
	if c := collection(f); c != "." {
		return append(b, c...)
	}
	return append(b, '.')
}

// appendIndex appends "[i]", or nothing for an element no array held
// (PowerShell writes a one-element array as the element itself).
func appendIndex(b []byte, i int) []byte {
	if i < 0 {
		return b
	}
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(i), 10)
	return append(b, ']')
}

// collection is the path of a collection's array: ".value", or "." when
// the document is the array itself.
func collection(f *data.File) string {
	if strings.HasPrefix(strings.TrimSpace(f.Raw), "[") {
		return "."
	}
	return string(appendKey(nil, f.Keys.Value, "value"))
}

// plainKey tells a key jq takes bare: ".key"; others are quoted: `."odd key"`.
func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return k != ""
}
