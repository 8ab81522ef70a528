import Testing
@testable import AxisLedger

struct JSONPointerTests {
    private func value(_ pointer: String, in json: String) throws -> String? {
        let tape = try JSONTape(parsing: Array(json.utf8))
        return try JSONPointer(pointer).resolve(in: tape).map { String(decoding: tape.literal($0), as: UTF8.self) }
    }

    @Test func membersArrayIndexesAndEscapesAreFollowed() throws {
        let json = #"{"a":{"b/c":1,"m~n":2,"":3},"list":[{"id":"x"},{"id":"y"}],"k":null}"#
        #expect(try value("/a/b~1c", in: json) == "1")
        #expect(try value("/a/m~0n", in: json) == "2")
        #expect(try value("/a/", in: json) == "3")
        #expect(try value("/list/1/id", in: json) == #""y""#)
        #expect(try value("/list/0", in: json) == #"{"id":"x"}"#)
        #expect(try value("/k", in: json) == "null")
        #expect(try value("", in: json)?.hasPrefix("{") == true)
    }

    @Test func aPointerTheLineDoesNotHaveResolvesToNothing() throws {
        let json = #"{"a":{"b":1},"list":[1,2]}"#
        #expect(try value("/a/c", in: json) == nil)
        #expect(try value("/list/2", in: json) == nil)
        #expect(try value("/list/01", in: json) == nil, "a leading zero is no index")
        #expect(try value("/list/-", in: json) == nil)
        #expect(try value("/a/b/c", in: json) == nil)
    }

    @Test func textThatIsNoPointerIsRefusedWithWhatToWrite() {
        #expect(throws: JSONPointerSyntaxError(message: "`headers.orgId` is not a JSON Pointer: a pointer starts with `/`, e.g. `/headers/orgId`")) {
            try JSONPointer("headers.orgId")
        }
        #expect(throws: JSONPointerSyntaxError.self) { try JSONPointer("/a~2b") }
        #expect(throws: JSONPointerSyntaxError.self) { try JSONPointer("/a~") }
    }
}
