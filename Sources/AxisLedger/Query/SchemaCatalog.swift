import GRDB

/// A table or view of the ledger as the database itself describes it
/// (`sqlite_schema` and `pragma_table_xinfo`), so the description never
/// drifts from the schema.
public struct SchemaObject: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case table, view
    }

    public struct Column: Equatable, Sendable {
        public var name: String
        /// The declared type; empty for a view column computed by an expression.
        public var type: String
        /// Whether users may rely on the column across versions (see ``SchemaStability``).
        public var isStable: Bool
    }

    public var name: String
    public var kind: Kind
    public var isStable: Bool
    public var columns: [Column]
}

/// Which parts of the schema are a public interface. The views and the
/// record tables' columns are stable: later versions keep them meaning the
/// same. `schema_migrations` and `line_hash` (the deduplication key, whose
/// computation may change) are internal.
public enum SchemaStability {
    public static let internalTables: Set<String> = ["schema_migrations", "billed_generation_firsts", "generation_placements", "billing_recompute", "id_lookup", "id_lookup_segments"]
    public static let internalColumns: Set<String> = ["line_hash"]
}

public enum SchemaCatalog {
    /// The ledger's tables and views; see ``objects(_:)``.
    public static func objects(in ledger: LedgerDatabase) throws -> [SchemaObject] {
        try ledger.queue.read { db in try objects(db) }
    }

    /// Every table and view except SQLite's own (`sqlite_…`): stable views
    /// first, then stable tables, then internal ones, each group by name.
    public static func objects(_ db: Database) throws -> [SchemaObject] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, type FROM sqlite_schema
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """)
        var objects: [SchemaObject] = []
        for row in rows {
            let name: String = row["name"]
            let kind = SchemaObject.Kind(rawValue: row["type"]) ?? .table
            let tableIsStable = !SchemaStability.internalTables.contains(name)
            let columns = try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_xinfo(?) ORDER BY cid", arguments: [name]).map { column in
                let columnName: String = column["name"]
                return SchemaObject.Column(
                    name: columnName,
                    type: column["type"] ?? "",
                    isStable: tableIsStable && !SchemaStability.internalColumns.contains(columnName))
            }
            objects.append(SchemaObject(name: name, kind: kind, isStable: tableIsStable, columns: columns))
        }
        return objects.sorted { order($0) < order($1) }
    }

    static func order(_ object: SchemaObject) -> (Int, Int, String) {
        (object.isStable ? 0 : 1, object.kind == .view ? 0 : 1, object.name)
    }
}
