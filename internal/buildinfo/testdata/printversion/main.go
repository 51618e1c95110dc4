// Command printversion prints buildinfo.Get as hexform version does; the
// package's test builds it with the linker flags make build uses.
package main

import (
	"fmt"

	"github.com/hexform/hexform/internal/buildinfo"
)

func main() { fmt.Println(buildinfo.Get()) }
