// The AWS SDK for JavaScript v3 (@aws-sdk/client-dynamodb, pinned in package.json) runs unchanged
// against `ddb-sandbox serve`: the SDK checks x-amz-crc32, parses our error bodies into its typed
// exceptions and drives its paginators from our LastEvaluatedKey. Run with `node --test`;
// DDB_ENDPOINT is set by run_with_server.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

let sdk;
try {
  sdk = await import('@aws-sdk/client-dynamodb');
} catch {
  console.log('SKIP: @aws-sdk/client-dynamodb is not installed (npm ci)');
  process.exit(77);
}
const {
  DynamoDBClient, CreateTableCommand, DescribeTableCommand, DeleteTableCommand, PutItemCommand, GetItemCommand,
  UpdateItemCommand, DeleteItemCommand, QueryCommand, BatchWriteItemCommand, TransactWriteItemsCommand,
  ConditionalCheckFailedException, ResourceNotFoundException, ResourceInUseException, paginateQuery, paginateScan,
  waitUntilTableExists, waitUntilTableNotExists,
} = sdk;

const endpoint = process.env.DDB_ENDPOINT ?? 'http://127.0.0.1:8000';
const client = new DynamoDBClient({
  endpoint, region: 'us-east-1', maxAttempts: 1,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const TableName = 'js_items';
const key = (pk, sk) => ({ pk: { S: pk }, sk: { N: String(sk) } });

before(async () => {
  const r = await client.send(new CreateTableCommand({
    TableName, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  }));
  assert.equal(r.TableDescription.TableStatus, 'CREATING');
  await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 1 }, { TableName });
});

after(async () => {
  await client.send(new DeleteTableCommand({ TableName }));
  await waitUntilTableNotExists({ client, maxWaitTime: 10, minDelay: 1 }, { TableName });
  client.destroy();
});

test('describe table', async () => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName }));
  assert.equal(Table.TableStatus, 'ACTIVE');
  assert.equal(Table.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST');
  assert.ok(Table.CreationDateTime instanceof Date);
});

test('put, get, update, delete', async () => {
  await client.send(new PutItemCommand({ TableName, Item: { ...key('a', 1), n: { N: '1' }, tags: { SS: ['x'] } } }));
  const got = await client.send(new GetItemCommand({ TableName, Key: key('a', 1), ConsistentRead: true }));
  assert.deepEqual(got.Item, { ...key('a', 1), n: { N: '1' }, tags: { SS: ['x'] } });
  const up = await client.send(new UpdateItemCommand({
    TableName, Key: key('a', 1), UpdateExpression: 'SET n = n + :d', ExpressionAttributeValues: { ':d': { N: '41' } },
    ReturnValues: 'UPDATED_NEW',
  }));
  assert.deepEqual(up.Attributes, { n: { N: '42' } });
  const del = await client.send(new DeleteItemCommand({ TableName, Key: key('a', 1), ReturnValues: 'ALL_OLD' }));
  assert.equal(del.Attributes.n.N, '42');
  const gone = await client.send(new GetItemCommand({ TableName, Key: key('a', 1) }));
  assert.equal(gone.Item, undefined);
});

test('conditional put raises ConditionalCheckFailedException with the old item', async () => {
  await client.send(new PutItemCommand({ TableName, Item: { ...key('c', 1), v: { N: '1' } } }));
  await assert.rejects(
    client.send(new PutItemCommand({
      TableName, Item: key('c', 1), ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    })),
    (e) => {
      assert.ok(e instanceof ConditionalCheckFailedException, e.name);
      assert.equal(e.$metadata.httpStatusCode, 400);
      assert.equal(e.$metadata.requestId.length, 52);
      assert.deepEqual(e.Item, { ...key('c', 1), v: { N: '1' } });
      return true;
    });
});

test('errors are the SDK typed exceptions', async () => {
  await assert.rejects(client.send(new DescribeTableCommand({ TableName: 'js_missing' })),
    (e) => e instanceof ResourceNotFoundException && e.message === 'Requested resource not found: Table: js_missing not found');
  await assert.rejects(client.send(new CreateTableCommand({
    TableName, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  })), (e) => e instanceof ResourceInUseException);
  await assert.rejects(client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'x' } } })),
    (e) => e.name === 'ValidationException' && e.message === 'The provided key element does not match the schema');
});

test('query and scan paginators', async () => {
  for (let i = 0; i < 23; i++) {
    await client.send(new PutItemCommand({ TableName, Item: { ...key('q', i), d: { S: 'x'.repeat(20) } } }));
  }
  const sks = [];
  let pages = 0;
  for await (const page of paginateQuery({ client, pageSize: 5 }, {
    TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'q' } },
  })) {
    pages++;
    for (const item of page.Items) sks.push(Number(item.sk.N));
  }
  assert.deepEqual(sks, [...Array(23).keys()]);
  assert.ok(pages >= 5);
  let scanned = 0;
  for await (const page of paginateScan({ client, pageSize: 4 }, { TableName })) scanned += page.Count;
  assert.ok(scanned >= 23);
  const desc = await client.send(new QueryCommand({
    TableName, KeyConditionExpression: 'pk = :p AND sk >= :s', ScanIndexForward: false, Limit: 3,
    ExpressionAttributeValues: { ':p': { S: 'q' }, ':s': { N: '10' } },
  }));
  assert.deepEqual(desc.Items.map((i) => i.sk.N), ['22', '21', '20']);
  assert.deepEqual(desc.LastEvaluatedKey, key('q', 20));
});

// Batches and transactions: skipped while the engine answers UnknownOperationException.
async function served(promise, t, op) {
  try {
    return await promise;
  } catch (e) {
    if (e.name === 'UnknownOperationException') {
      t.skip(`the engine answers UnknownOperationException for ${op}: not served yet`);
      return undefined;
    }
    throw e;
  }
}

test('batch write', async (t) => {
  const r = await served(client.send(new BatchWriteItemCommand({
    RequestItems: { [TableName]: [...Array(25).keys()].map((i) => ({ PutRequest: { Item: key('bw', i) } })) },
  })), t, 'BatchWriteItem');
  if (!r) return;
  assert.deepEqual(r.UnprocessedItems ?? {}, {});
});

test('transaction', async (t) => {
  const r = await served(client.send(new TransactWriteItemsCommand({
    TransactItems: [{ Put: { TableName, Item: key('tx', 1) } }, { Put: { TableName, Item: key('tx', 2) } }],
  })), t, 'TransactWriteItems');
  if (!r) return;
  const got = await client.send(new GetItemCommand({ TableName, Key: key('tx', 2) }));
  assert.ok(got.Item);
});
