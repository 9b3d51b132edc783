import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { alignmentsDetector } from '../../../../main/formats/families/omics-hdf5/alignments';
import { fastqDetector } from '../../../../main/formats/families/omics-hdf5/fastq';
import { ibdDetector, mzmlDetector } from '../../../../main/formats/families/omics-hdf5/mzml';
import { utf8 } from '../../../fixtures/format-fixture';
import { bgzfBlock, writeBam, writeCram } from '../../../fixtures/writers/omics-hdf5/alignments';
import { writeFastq } from '../../../fixtures/writers/omics-hdf5/fastq';
import { writeIbd, writeMzml } from '../../../fixtures/writers/omics-hdf5/mzml';

describe('FASTQ', () => {
  it('reads CRLF files and names no platform for non-Illumina read names', async () => {
    const text = '@m64011_190830_220126/1/ccs\r\nACGTTGCA\r\n+\r\n!!~~IIII\r\n@m64011_190830_220126/2/ccs\r\nACGT\r\n+m64011_190830_220126/2/ccs\r\nIIII\r\n';
    const found = await fastqDetector.detect(contextFromBytes('hifi.fq', utf8(text)));
    expect(found).toMatchObject({ format: 'fastq', confidence: CONFIDENCE.STRUCTURE, facts: { omics: { value: { kind: 'sequencing-reads' } }, header: { value: { readLength: '4–8' } } } });
    expect(found?.facts.omics?.value.platform).toBeUndefined();
  });

  it('rejects a "+" line naming another read, and a dangling partial record in a whole file', async () => {
    expect(await fastqDetector.detect(contextFromBytes('a.fastq', utf8('@r1\nACGT\n+r2\nIIII\n')))).toBeNull();
    expect(await fastqDetector.detect(contextFromBytes('a.fastq', utf8('@r1\nACGT\n+\nIIII\n@r2\n')))).toBeNull();
  });

  it('reads a BGZF-compressed FASTQ (bgzip) like any gzip', async () => {
    const found = await fastqDetector.detect(contextFromBytes('reads.fq.gz', bgzfBlock(utf8(writeFastq(3)))));
    expect(found).toMatchObject({ format: 'fastq', facts: { header: { value: { gzipped: true } } } });
    expect(await alignmentsDetector.detect(contextFromBytes('reads.fq.gz', bgzfBlock(utf8(writeFastq(3)))))).toBeNull();
  });
});

describe('BAM and CRAM', () => {
  it('reports an implausible header length as a problem, still BAM', async () => {
    const bam = writeBam();
    // Rebuild the first block with l_text = -5.
    const body = new Uint8Array([0x42, 0x41, 0x4d, 0x01, 0xfb, 0xff, 0xff, 0xff]);
    const found = await alignmentsDetector.detect(contextFromBytes('odd.bam', bgzfBlock(body)));
    expect(found?.format).toBe('bam');
    expect(found?.problems[0]).toMatch(/Header text length -5 is implausible/);
    expect((await alignmentsDetector.detect(contextFromBytes('ok.bam', bam)))?.facts.header?.value).toMatchObject({ headerTextBytes: expect.any(Number), sqLinesRead: 1 });
  });

  it('gives CRAM without a readable SAM header MAGIC confidence', async () => {
    const bare = writeCram(2, 1).subarray(0, 26);
    expect(await alignmentsDetector.detect(contextFromBytes('old.cram', bare))).toMatchObject({ format: 'cram', confidence: CONFIDENCE.MAGIC, facts: { header: { value: { cramVersion: '2.1', fileId: 'sample.cram' } } } });
    expect(await alignmentsDetector.detect(contextFromBytes('short.cram', bare.subarray(0, 20)))).toBeNull();
  });
});

describe('mzML and imzML', () => {
  it('gives mzML outside the PSI namespace MAGIC confidence', async () => {
    const text = writeMzml().replace(' xmlns="http://psi.hupo.org/ms/mzml"', '');
    expect(await mzmlDetector.detect(contextFromBytes('x.mzML', utf8(text)))).toMatchObject({ format: 'mzml', confidence: CONFIDENCE.MAGIC });
  });

  it('reads imzML pixel sizes given in nanometres', async () => {
    const text = writeMzml({ imaging: { pixelsX: 10, pixelsY: 5, pixelSizeUm: 500, uuid: '554a27fa-79d2-4766-9a2c-862e2c9d4b1e' } }).replace(/UO:0000017" unitName="micrometer/g, 'UO:0000018" unitName="nanometer');
    const found = await mzmlDetector.detect(contextFromBytes('x.imzML', utf8(text)));
    expect(found?.facts.pixelSize?.value).toEqual({ x: 500, y: 500 });
  });

  it('finds the imaging header past the first 64 KiB', async () => {
    const text = writeMzml({ imaging: { pixelsX: 10, pixelsY: 5, pixelSizeUm: 20, uuid: '554a27fa-79d2-4766-9a2c-862e2c9d4b1e' } }).replace('<softwareList', `<!--${' '.repeat(70 * 1024)}-->\n  <softwareList`);
    const found = await mzmlDetector.detect(contextFromBytes('big.imzML', utf8(text)));
    expect(found).toMatchObject({ format: 'imzml', facts: { dimensions: { value: { x: 10, y: 5 } } } });
  });

  it('recognises .ibd only with the extension and a UUID-shaped start', async () => {
    const ibd = writeIbd('554a27fa-79d2-4766-9a2c-862e2c9d4b1e');
    expect(await ibdDetector.detect(contextFromBytes('a.ibd', ibd))).toMatchObject({ format: 'imzml', confidence: CONFIDENCE.WEAK });
    expect(await ibdDetector.detect(contextFromBytes('a.bin', ibd))).toBeNull();
    expect(await ibdDetector.detect(contextFromBytes('a.ibd', writeIbd('554a27fa-79d2-0766-1a2c-862e2c9d4b1e')))).toBeNull();
  });
});
