// Package jqpath gives the jq path of a node in its source file, spelled as
// the file spells its keys: ".sessions[2].segments[0].media[1]" in a Graph
// export, ".Sessions[2].Segments[0]…" in a PowerShell one, ".value[3]" for
// a record in a list. `y p` copies it, the JSON report and export print it.
package jqpath

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jsonscan"
)

// Of is the path of a node of r in f. Pass nil for the levels below the
// node.
func Of(f *data.File, r *data.Record, se *data.Session, sg *data.Segment, md *data.Media, st *data.Stream) string {
	return string(New(f, r).Append(nil, se, sg, md, st))
}

// Paths builds the paths of one record's nodes. It learns how the file
// spells each level's key once, so that a report can give each of a big
// meeting's tens of thousands of streams its path cheaply. Not for use by
// several goroutines at once: give each its own.
type Paths struct {
	f    *data.File
	r    *data.Record
	keys [4]string // jq steps: ".sessions", ".segments", ".media", ".streams"
}

// New starts the paths of the nodes of r in f.
func New(f *data.File, r *data.Record) *Paths { return &Paths{f: f, r: r} }

// key is a level's jq step, looked up in obj (the node that holds it) the
// first time.
func (p *Paths) key(level int, norm, obj string) string {
	if p.keys[level] == "" {
		p.keys[level] = jqKey(spelling(norm, obj))
	}
	return p.keys[level]
}

// Append appends the path of the node to b (see Of).
func (p *Paths) Append(b []byte, se *data.Session, sg *data.Segment, md *data.Media, st *data.Stream) []byte {
	start := len(b)
	f := p.f
	switch f.Shape {
	case data.ShapeRecordList:
		b = appendCollection(b, f)
		b = appendIndex(b, p.r.Index)
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
			b = append(b, p.key(0, "sessions", p.r.Raw)...)
		}
		b = appendIndex(b, se.Index)
	}
	if sg != nil && f.Shape != data.ShapeSegments {
		b = append(b, p.key(1, "segments", se.Raw)...)
		b = appendIndex(b, sg.Index)
	}
	if md != nil {
		b = append(b, p.key(2, "media", sg.Raw)...)
		b = appendIndex(b, md.Index)
	}
	if st != nil {
		b = append(b, p.key(3, "streams", md.Raw)...)
		b = appendIndex(b, st.Index)
	}
	if len(b) == start {
		b = append(b, '.')
	}
	return b
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
	return jqKey(spelling("value", f.Raw))
}

// maxMerge is how deep AdditionalProperties are looked into, as the loader
// reads them (see jsonscan.Fields).
const maxMerge = 4

// spelling is how the object obj (a node's JSON) spells the normalised key
// norm; norm itself when obj does not have it. What comes before the key
// is passed over at a quick bracket count: the file was checked when it
// was loaded.
func spelling(norm, obj string) string {
	found := norm
	var find func(v jsonscan.Value, depth int) bool
	find = func(v jsonscan.Value, depth int) bool {
		hit := false
		v.Members(func(k string, m jsonscan.Value) bool {
			switch nk := jsonscan.NormKey(k); {
			case nk == norm:
				found, hit = k, true
			case nk == "additionalproperties" && m.IsObject() && depth < maxMerge:
				hit = find(m, depth+1)
			default:
				m.Skip()
			}
			return !hit
		})
		return hit
	}
	find(jsonscan.Root(obj), 0)
	return found
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// jqKey is ".key", or `."odd key"` for keys jq cannot take bare.
func jqKey(k string) string {
	if plainKey.MatchString(k) {
		return "." + k
	}
	return "." + strconv.Quote(k)
}
