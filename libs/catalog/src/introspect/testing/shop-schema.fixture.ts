import type { SqlDialect } from '@chatbi/contracts';

/**
 * A small shop as teams name things: mixed-case names, a table and a column with spaces, reserved
 * words, accents, a name with a quote, single and composite primary keys, two foreign keys to the
 * same table, a join with no foreign key declared, comments (where the engine keeps them), an
 * empty table, a table without keys and a view. The drafting specs of every engine build it.
 */
export function shopSchemaStatements(dialect: SqlDialect): string[] {
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name.replace(/"/g, '""')}"`);
  const inline = (comment: string) => (dialect === 'mysql' ? ` COMMENT '${comment}'` : '');
  const tableComment = (comment: string) => (dialect === 'mysql' ? ` COMMENT='${comment}'` : '');
  const text = dialect === 'mysql' ? 'TEXT' : 'VARCHAR(2000)';
  const statements = [
    `CREATE TABLE ${q('Customers')} (
       ${q('CustomerID')} INTEGER NOT NULL PRIMARY KEY,
       ${q('Full Name')} VARCHAR(100)${inline('Name as printed on invoices')},
       ${q('Country')} VARCHAR(40),
       ${q('SignupDate')} DATE,
       ${q('Age')} INTEGER,
       ${q('BirthDate')} DATE
     )${tableComment('One row per customer')}`,
    `CREATE TABLE ${q('Products')} (
       ${q('ProductCode')} VARCHAR(20) NOT NULL PRIMARY KEY,
       ${q('ProductName')} VARCHAR(100),
       ${q('Category')} VARCHAR(30),
       ${q('Größe')} VARCHAR(5),
       ${q('UnitPrice')} DECIMAL(10,2)
     )`,
    `CREATE TABLE ${q('Orders')} (
       ${q('OrderID')} INTEGER NOT NULL PRIMARY KEY,
       ${q('CustomerID')} INTEGER,
       ${q('ReferredByID')} INTEGER,
       ${q('OrderDate')} DATE,
       ${q('Status')} VARCHAR(20),
       ${q('TotalAmount')} DECIMAL(12,2),
       FOREIGN KEY (${q('CustomerID')}) REFERENCES ${q('Customers')} (${q('CustomerID')}),
       FOREIGN KEY (${q('ReferredByID')}) REFERENCES ${q('Customers')} (${q('CustomerID')})
     )`,
    `CREATE TABLE ${q('Order Lines')} (
       ${q('OrderID')} INTEGER NOT NULL,
       ${q('LineNo')} INTEGER NOT NULL,
       ${q('ProductCode')} VARCHAR(20),
       ${q('Qty')} INTEGER,
       PRIMARY KEY (${q('OrderID')}, ${q('LineNo')}),
       FOREIGN KEY (${q('OrderID')}) REFERENCES ${q('Orders')} (${q('OrderID')}),
       FOREIGN KEY (${q('ProductCode')}) REFERENCES ${q('Products')} (${q('ProductCode')})
     )`,
    `CREATE TABLE ${q('Reviews')} (
       ${q('ReviewID')} INTEGER NOT NULL PRIMARY KEY,
       ${q('ProductCode')} VARCHAR(20),
       ${q('Stars')} INTEGER,
       ${q('ReviewText')} ${text}
     )`,
    `CREATE TABLE ${q('Group')} (${q('Key')} INTEGER, ${q('Select')} VARCHAR(10), ${q('Say "hi"')} VARCHAR(10))`,
    `CREATE TABLE ${q('Archive')} (${q('ArchivedAt')} TIMESTAMP NULL, ${q('Note')} ${text})`,
    `INSERT INTO ${q('Customers')} VALUES
       (1, 'Ada Lovelace', 'France', '2024-01-05', 36, '1988-12-10'), (2, 'Bo Chen', 'Chile', '2024-01-09', 41, '1983-03-01'),
       (3, 'Cy Twombly', 'Japan', '2024-02-11', 29, '1995-06-30'), (4, 'Di Prince', 'France', '2024-02-20', 52, '1972-01-15'),
       (5, 'Ed Wood', 'Chile', '2024-03-02', 45, '1979-09-09'), (6, 'Flo Jo', 'France', '2024-03-15', 33, '1991-04-04')`,
    `INSERT INTO ${q('Products')} VALUES
       ('P-1', 'Kettle', 'Kitchen', 'M', 25.00), ('P-2', 'Toaster', 'Kitchen', 'L', 40.00),
       ('P-3', 'Lamp', 'Living', 'S', 15.50), ('P-4', 'Rug', 'Living', 'L', 120.00)`,
    `INSERT INTO ${q('Orders')} VALUES
       (101, 1, NULL, '2024-04-01', 'shipped', 65.00), (102, 2, 1, '2024-04-02', 'shipped', 120.00),
       (103, 1, NULL, '2024-04-03', 'open', 15.50), (104, 3, 2, '2024-04-05', 'shipped', 160.00),
       (105, 4, NULL, '2024-04-08', 'cancelled', 25.00), (106, 5, 1, '2024-04-09', 'shipped', 80.00),
       (107, 6, NULL, '2024-04-10', 'open', 40.00), (108, 2, NULL, '2024-04-12', 'shipped', 135.50)`,
    `INSERT INTO ${q('Order Lines')} VALUES
       (101, 1, 'P-1', 1), (101, 2, 'P-2', 1), (102, 1, 'P-4', 1), (103, 1, 'P-3', 1), (104, 1, 'P-4', 1), (104, 2, 'P-2', 1),
       (105, 1, 'P-1', 1), (106, 1, 'P-2', 2), (107, 1, 'P-2', 1), (108, 1, 'P-4', 1), (108, 2, 'P-3', 1)`,
    `INSERT INTO ${q('Reviews')} VALUES
       (1, 'P-1', 5, 'Boils a full litre in under three minutes and the handle stays cool, very happy with it.'),
       (2, 'P-2', 3, 'Toasts unevenly on the left side; fine for bagels but not for thin bread, sadly enough.'),
       (3, 'P-4', 4, 'Thick and soft, the colour is a little darker than in the photos but it looks great here.')`,
    `INSERT INTO ${q('Group')} VALUES (1, 'first', 'x'), (2, 'second', 'y')`,
    `CREATE VIEW ${q('BigOrders')} AS SELECT ${q('OrderID')}, ${q('Status')}, ${q('TotalAmount')} FROM ${q('Orders')} WHERE ${q('TotalAmount')} > 100`,
  ];
  if (dialect === 'duckdb' || dialect === 'postgres') {
    statements.push(
      `COMMENT ON TABLE ${q('Customers')} IS 'One row per customer'`,
      `COMMENT ON COLUMN ${q('Customers')}.${q('Full Name')} IS 'Name as printed on invoices'`,
    );
  }
  return statements;
}
