package load

import (
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jsonscan"
)

// spelling is how f spells the key of each level of a record (see
// data.Spelling), read from the first node of each level that holds a
// child: paths into the file (package jqpath) spell keys as it does.
func spelling(f *data.File) data.Spelling {
	var k data.Spelling
	if f.Shape != data.ShapeRecord || f.Wrapped { // paths start at .value: look it up (not past a record's sessions)
		if root := jsonscan.Root(f.Raw); root.IsObject() {
			k.Value = root.KeySpelling("value")
		}
	}
	for _, r := range f.Records {
		if k.Sessions == "" && len(r.Sessions) > 0 && f.Shape != data.ShapeSessions && f.Shape != data.ShapeSegments {
			k.Sessions = jsonscan.Root(r.Raw).KeySpelling("sessions")
		}
		for _, se := range r.Sessions {
			if k.Segments == "" && len(se.Segments) > 0 && f.Shape != data.ShapeSegments {
				k.Segments = jsonscan.Root(se.Raw).KeySpelling("segments")
			}
			for _, sg := range se.Segments {
				if k.Media == "" && len(sg.Media) > 0 {
					k.Media = jsonscan.Root(sg.Raw).KeySpelling("media")
				}
				for _, md := range sg.Media {
					if k.Streams == "" && len(md.Streams) > 0 {
						k.Streams = jsonscan.Root(md.Raw).KeySpelling("streams")
					}
				}
			}
			if k.Streams != "" {
				return k // every level found: the rest of a big meeting need not be looked at
			}
		}
	}
	return k
}
