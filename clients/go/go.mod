module interleave.dev/clients/go

go 1.19
