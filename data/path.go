package data

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Path is a jq expression that selects a node in the source file, spelled
// as the file spells its keys: ".sessions[2].segments[0].media[1]" in a
// Graph export, ".Sessions[2].Segments[0]…" in a PowerShell one,
// ".value[3]" for a record in a list. Pass nil for the levels below the node.
func (f *File) Path(r *Record, se *Session, sg *Segment, md *Media, st *Stream) string {
	p := f.pather(r)
	return string(p.appendPath(nil, se, sg, md, st))
}

// pather builds the paths of one record's nodes. It learns how the file
// spells each level's key once, so that a report can give each of a big
// meeting's tens of thousands of streams its path cheaply. Not for use by
// several goroutines at once: each takes its own copy.
type pather struct {
	f    *File
	r    *Record
	keys [4]string // jq steps: ".sessions", ".segments", ".media", ".streams"
}

func (f *File) pather(r *Record) pather { return pather{f: f, r: r} }

// key is a level's jq step, looked up in obj (the node that holds it) the
// first time.
func (p *pather) key(level int, norm, obj string) string {
	if p.keys[level] == "" {
		p.keys[level] = jqKey(p.f.key(norm, obj))
	}
	return p.keys[level]
}

// appendPath appends the path of the node to b (see Path).
func (p *pather) appendPath(b []byte, se *Session, sg *Segment, md *Media, st *Stream) []byte {
	start := len(b)
	f := p.f
	switch f.Shape {
	case ShapeRecordList:
		if c := f.collection(); c != "." {
			b = append(b, c...)
		} else {
			b = append(b, '.')
		}
		b = appendIndex(b, p.r.Index)
	case ShapeSessions:
		c := f.collection()
		if se == nil {
			return append(b, c...)
		}
		if c != "." {
			b = append(b, c...)
		} else {
			b = append(b, '.') // ".[2]": jq wants the dot before a bare index
		}
	}
	if se != nil {
		if f.Shape != ShapeSessions {
			b = append(b, p.key(0, "sessions", p.r.Raw)...)
		}
		b = appendIndex(b, se.Index)
	}
	if sg != nil {
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
func (f *File) collection() string {
	if strings.HasPrefix(strings.TrimSpace(f.raw), "[") {
		return "."
	}
	return jqKey(f.key("value", f.raw))
}

var keysMu sync.Mutex

// key is how the file spells a normalised key, read from the first object
// that has it and kept: one file spells its keys one way.
func (f *File) key(norm, objRaw string) string {
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := f.keys[norm]; ok {
		return k
	}
	found := norm
	obj := rootValue(objRaw)
	var find func(v value, depth int) bool
	find = func(v value, depth int) bool {
		hit := false
		forEachRaw(v, func(k string, m value) bool {
			var buf [48]byte
			switch nk := normKey(k, &buf); {
			case nk == norm:
				found, hit = k, true
			case nk == "additionalproperties" && m.IsObject() && depth < maxMerge:
				hit = find(m, depth+1)
			}
			return !hit
		})
		return hit
	}
	if !find(obj, 0) {
		return norm // not in this object: another may have it
	}
	if f.keys == nil {
		f.keys = map[string]string{}
	}
	f.keys[norm] = found
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
