import Foundation
import Testing
@testable import AxisLedger

struct QueryParametersTests {
    @Test(arguments: [
        ("org=org_acme", "org", QueryParameters.Value.text("org_acme")),
        (":org=org_acme", "org", .text("org_acme")),
        ("@org=org_acme", "org", .text("org_acme")),
        ("$org=org_acme", "org", .text("org_acme")),
        ("expr=a=b", "expr", .text("a=b")),
        ("empty=", "empty", .text("")),
        ("n:=5", "n", .integer(5)),
        ("n:=-12", "n", .integer(-12)),
        (":n:=7", "n", .integer(7)),
    ])
    func argumentsParseIntoNamesAndTypedValues(_ argument: String, _ name: String, _ value: QueryParameters.Value) throws {
        let parameters = try QueryParameters(arguments: [argument])
        #expect(parameters.names == [name])
        #expect(parameters[name] == value)
    }

    @Test(arguments: [["org"], ["=x"], [":=5"], ["n:=five"], ["n:=1.5"], ["a=1", "a=2"], ["a=1", ":a=2"]])
    func malformedArgumentsAreRefused(_ arguments: [String]) {
        #expect {
            try QueryParameters(arguments: arguments)
        } throws: { error in
            guard case .badParameter(let argument, _)? = error as? QueryError else { return false }
            return arguments.contains(argument)
        }
    }

    @Test(arguments: [
        "SELECT count(*) FROM response_records WHERE org_id = :org",
        "SELECT count(*) FROM response_records WHERE org_id = @org",
        "SELECT count(*) FROM response_records WHERE org_id = $org",
        "SELECT count(*) FROM response_records WHERE org_id = :org AND version = 'v2' OR org_id = @org",
    ])
    func everyPrefixBindsTheSameParameter(_ sql: String) throws {
        let ledger = try QueryTestLedger()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(sql, parameters: try QueryParameters(arguments: ["org=org_beta"]))
        #expect(result.rows == [[.integer(1)]])
    }

    @Test func textComparesWithAnIntegerColumnByAffinity() throws {
        let ledger = try QueryTestLedger()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(
            "SELECT id FROM response_records WHERE http_status = :status",
            parameters: try QueryParameters(arguments: ["status=402"]))
        #expect(result.rows == [[.integer(3)]])
    }

    @Test func anIntegerParameterWorksWhereThereIsNoAffinity() throws {
        let ledger = try QueryTestLedger()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(
            "SELECT org_id, count(*) AS n FROM response_records GROUP BY org_id HAVING count(*) >= :min",
            parameters: try QueryParameters(arguments: ["min:=2"]))
        #expect(result.rows == [[.text("org_acme"), .integer(2)]])
    }

    @Test func valuesAreBoundNeverPastedIntoTheSQL() throws {
        let ledger = try QueryTestLedger()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(
            "SELECT count(*) FROM response_records WHERE org_id = :org",
            parameters: try QueryParameters(arguments: ["org=x' OR '1'='1"]))
        #expect(result.rows == [[.integer(0)]])
    }

    @Test func aParameterUsedInSeveralStatementsIsBoundInEach() throws {
        let ledger = try QueryTestLedger()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(
            "SELECT :org; SELECT count(*) AS n FROM response_records WHERE org_id = :org",
            parameters: try QueryParameters(arguments: ["org=org_acme"]))
        #expect(result.rows == [[.integer(2)]])
    }

    @Test func aMissingParameterIsNamed() throws {
        let ledger = try QueryTestLedger()
        let error = try #require(throws: QueryError.self) {
            try QueryRunner(ledger: try ledger.readOnly()).run(
                "SELECT * FROM response_records WHERE org_id = :org AND month = :month",
                parameters: try QueryParameters(arguments: ["org=org_acme"]))
        }
        #expect(error == .missingParameter(name: "month", statement: "SELECT * FROM response_records WHERE org_id = :org AND month = :month"))
        #expect(error.description.contains("--param month=VALUE"))
    }

    @Test func anUnusedParameterIsAnError() throws {
        let ledger = try QueryTestLedger()
        #expect(throws: QueryError.unusedParameter(name: "mnth")) {
            try QueryRunner(ledger: try ledger.readOnly()).run(
                "SELECT * FROM response_records WHERE org_id = :org",
                parameters: try QueryParameters(arguments: ["org=org_acme", "mnth=2025-01"]))
        }
    }

    @Test(arguments: ["SELECT ?", "SELECT ?1", "SELECT :org, ?"])
    func positionalParametersAreRefused(_ sql: String) throws {
        let ledger = try QueryTestLedger()
        #expect(throws: QueryError.positionalParameter(statement: sql)) {
            try QueryRunner(ledger: try ledger.readOnly()).run(sql, parameters: try QueryParameters(arguments: ["org=x"]))
        }
    }
}
